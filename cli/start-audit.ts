import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { join } from "node:path";
import { createLogger } from "../common/log";
import { CHANGES_FOLDER } from "../server/store/change-record";
import { auditChanges, auditLine } from "../server/store/journal-audit";
import { changedDays } from "../server/store/journal-start-audit";

const log = createLogger("cli");

/**
 * Changed day files verified before the server serves (the newest: the record most likely to be
 * touched; a school day is ~10 MB for 5,000 children); older ones once it serves.
 */
export const DAYS_BEFORE_SERVING = 2;

/** The line `audit verify --changed --newest` ends with when it left changed files for later. */
export const LEFT_FOR_LATER = /^(\d+) more changed day files? not verified/m;

interface AuditRun {
  out: string;
  /** The audit's exit code (0 all intact, 1 a break), or null when it could not run or was killed. */
  code: number | null;
}

/**
 * A data folder's record checked at start, by `wanfeng audit verify --changed` in processes of
 * their own: neither the server's memory nor its event loop carries the hashing (a day file is
 * ~10 MB of text; read in the server, the newest two made its peak memory 20 MB higher). Files
 * unchanged since they last verified are not read again (journal-start-audit.ts). The newest two
 * changed ones are checked before the server serves, with the change record's small month files
 * (checked here, at every start), and their breaks are
 * reported loudly (the server still starts); the rest once it serves, at the lowest priority
 * (after an upgrade, a year of unverified files would hold the start up for most of a minute).
 * Resolves, once the first check is done, with what starts the second.
 */
export async function checkRecordAtStart(dataDir: string): Promise<() => void> {
  const reported = new Set<string>();
  const report = (out: string) => {
    for (const line of out.split("\n").map((l) => l.trim())) {
      // The change record is in both reports: each break is told once.
      if (!line.includes("BROKEN") || reported.has(line)) continue;
      reported.add(line);
      log.error({ line }, "hash chain broken");
      console.error(`WARNING: the record was changed after it was written: ${line}`);
    }
  };
  // The change record's month files are small: checked here, every start.
  for (const audit of await auditChanges(join(dataDir, CHANGES_FOLDER))) report(auditLine(audit, "change"));
  // A restart with nothing changed since the last check starts no process.
  if ((await changedDays(join(dataDir, "journal"))).length === 0) return () => {};
  const first = await runAudit(dataDir, ["--newest", String(DAYS_BEFORE_SERVING)], false);
  if (first.code !== 0 && first.code !== 1) {
    log.warn({ code: first.code }, "the record could not be checked at start; run wanfeng audit verify");
  }
  report(first.out);
  const left = Number(LEFT_FOR_LATER.exec(first.out)?.[1] ?? 0);
  return () => {
    if (left === 0) return;
    void runAudit(dataDir, [], true).then(({ out, code }) => {
      report(out);
      log.info({ code }, "older journal files verified");
    });
  };
}

function runAudit(dataDir: string, extra: readonly string[], lowPriority: boolean): Promise<AuditRun> {
  const bin = process.argv[1];
  if (!bin) return Promise.resolve({ out: "", code: null });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, "audit", "verify", "--changed", ...extra, "-d", dataDir], {
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, LOG_LEVEL: "warn" },
    });
    if (lowPriority && child.pid !== undefined) {
      try {
        setPriority(child.pid, 19);
      } catch {
        // Not allowed to lower it: it still runs, only not politely.
      }
    }
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once("error", (err) => {
      log.warn({ err }, "could not start the record's check");
      resolve({ out, code: null });
    });
    child.once("close", (code) => resolve({ out, code }));
  });
}
