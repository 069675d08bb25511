/**
 * `npm run bench`: tap → screen latency of the Wanfeng server, run as `wanfeng start` in its own
 * process, against a durable relay process on the same disk. See `npm run bench -- --help`.
 * Everything runs on 127.0.0.1, in a temporary folder that is removed at the end.
 */
import { rmSync } from "node:fs";
import { HELP, parseBenchArgs } from "./bench/options";
import { killAllServices } from "./bench/service-process";

// The server and relay run with the user's environment, as `wanfeng start` would.
const serviceEnv = { ...process.env };
// This process loads the store API to prepare the school; its logs must not mix into --json.
process.env.LOG_LEVEL ??= "warn";

let tmpDir: string | undefined;
let keepTmp = false;

/** Leaves nothing behind on an abrupt end: no server process, no temporary folder. */
function abandon(message: string): never {
  killAllServices();
  if (tmpDir !== undefined && !keepTmp) rmSync(tmpDir, { recursive: true, force: true });
  process.stderr.write(`bench: ${message}; no figures\n`);
  process.exit(1);
}

async function main(): Promise<number> {
  const command = parseBenchArgs(process.argv.slice(2));
  if (command.kind === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  if (command.kind === "error") {
    process.stderr.write(`${command.message}\n\n${HELP}`);
    return 2;
  }
  const { options, timeoutS } = command;
  keepTmp = options.keep;
  const hardTimeout = setTimeout(
    () => abandon(`gave up after ${timeoutS} s (hard timeout)`),
    timeoutS * 1000,
  );
  hardTimeout.unref();
  process.once("SIGINT", () => abandon("interrupted"));

  const { runBench } = await import("./bench/main");
  const { formatReport } = await import("./bench/report");
  const started = performance.now();
  const result = await runBench(options, {
    log: (line) => process.stderr.write(`bench: ${line}\n`),
    dataDirCreated: (dir) => {
      tmpDir = dir;
    },
    serviceEnv,
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(result)}\n`);
    process.stdout.write(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  clearTimeout(hardTimeout);
  return result.problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    killAllServices();
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
