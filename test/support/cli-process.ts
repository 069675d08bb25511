import { execFile } from "node:child_process";
import { resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../../bin/wanfeng.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `wanfeng` command line as its own process, as an operator does; never throws, the
 * exit code says. The test process's DATABASE_URL is left out, so a run uses only what `env`
 * and `args` give it; standard input is closed (no prompt waits).
 */
export function runWanfeng(args: string[], env: Record<string, string> = {}, timeoutMs = 0): Promise<CliRun> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...inherited, LOG_LEVEL: "warn", ...env }, timeout: timeoutMs },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}
