import pino from "pino";
import type { Logger } from "../../server/log";

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger whose records land in an array, so tests can assert what was logged. */
export function captureLogger(): { log: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const log = pino(
    { level: "debug" },
    { write: (line: string) => records.push(JSON.parse(line) as LogRecord) },
  );
  return { log, records };
}
