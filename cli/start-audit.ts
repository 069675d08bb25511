import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { join } from "node:path";
import { createLogger } from "../common/log";
import { CHANGES_FOLDER } from "../server/store/change-record";
import { auditChanges, auditLine } from "../server/store/journal-audit";
import { changedDays } from "../server/store/journal-start-audit";

const log = createLogger("cli");

/**
 * Changed day files checked first, at normal priority (the newest: the record most likely to be
 * touched; a school day is ~10 MB for 5,000 children); older ones after them, at the lowest.
 */
export const NEWEST_FIRST = 2;

/** The line `audit verify --changed --newest` ends with when it left changed files for later. */
export const LEFT_FOR_LATER = /^(\d+) more changed day files? not verified/m;

interface AuditRun {
  out: string;
  /** The audit's exit code (0 all intact, 1 a break), or null when it could not run or was killed. */
  code: number | null;
}

/**
 * A data folder's record checked at start. The change record's month files are small and are
 * checked here, before the server serves. The journal's day files changed since they last verified
 * (journal-start-audit.ts; none after an ordinary restart) are checked by `wanfeng audit verify
 * --changed` in processes of their own once the server serves: neither the server's memory nor its
 * start carries the hashing (read in the server, the newest two raised its peak memory by 20 MB;
 * waited for, a process of its own made a start with a year of journals take over 2 s on two
 * cores). The newest two go first at normal priority, the rest after them at the lowest (after an
 * upgrade, a year of unverified files takes most of a minute). Every break is reported loudly; the
 * server serves whatever they find (the gate must work). Resolves with what starts those checks.
 */
export async function checkRecordAtStart(dataDir: string): Promise<() => void> {
  const reported = new Set<string>();
  const report = (out: string) => {
    for (const line of out.split("\n").map((l) => l.trim())) {
      // The change record is in every report: each break is told once.
      if (!line.includes("BROKEN") || reported.has(line)) continue;
      reported.add(line);
      log.error({ line }, "hash chain broken");
      console.error(`WARNING: the record was changed after it was written: ${line}`);
    }
  };
  for (const audit of await auditChanges(join(dataDir, CHANGES_FOLDER))) report(auditLine(audit, "change"));
  if ((await changedDays(join(dataDir, "journal"))).length === 0) return () => {};
  return () => {
    void (async () => {
      const newest = await runAudit(dataDir, ["--newest", String(NEWEST_FIRST)], false);
      if (newest.code !== 0 && newest.code !== 1) {
        log.warn({ code: newest.code }, "the record could not be checked at start; run wanfeng audit verify");
      }
      report(newest.out);
      if (Number(LEFT_FOR_LATER.exec(newest.out)?.[1] ?? 0) === 0) return;
      const older = await runAudit(dataDir, [], true);
      report(older.out);
      log.info({ code: older.code }, "older journal files verified");
    })();
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
