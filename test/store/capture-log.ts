import pino from "pino";
import type { Logger } from "../../common/log";

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface CapturedLog {
  log: Logger;
  records: LogRecord[];
  /** The first record (already logged or still to come) that matches. */
  next(predicate: (record: LogRecord) => boolean): Promise<LogRecord>;
}

/** A real pino logger whose records land in an array, so tests can assert what was logged. */
export function captureLogger(): CapturedLog {
  const records: LogRecord[] = [];
  const waiters: { predicate: (record: LogRecord) => boolean; resolve: (record: LogRecord) => void }[] = [];
  const log = pino(
    { level: "debug" },
    {
      write: (line: string) => {
        const record = JSON.parse(line) as LogRecord;
        records.push(record);
        for (const waiter of waiters.splice(0)) {
          if (waiter.predicate(record)) waiter.resolve(record);
          else waiters.push(waiter);
        }
      },
    },
  );
  const next = (predicate: (record: LogRecord) => boolean) => {
    const seen = records.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogRecord>((resolve) => waiters.push({ predicate, resolve }));
  };
  return { log, records, next };
}
