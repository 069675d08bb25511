/**
 * `npm run bench`: tap → screen latency of the real Wanfeng server against a bare socket.io relay.
 * See `npm run bench -- --help`. Everything runs on 127.0.0.1 in this process, in a temporary
 * data folder that is removed at the end.
 */
import { rmSync } from "node:fs";
import { HELP, parseBenchArgs } from "./bench/options";

// common/log.ts reads LOG_LEVEL when it is first imported: set it before any server module loads.
process.env.LOG_LEVEL ??= "warn";

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
  let dataDir: string | undefined;
  const hardTimeout = setTimeout(() => {
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    process.stderr.write(`bench: gave up after ${timeoutS} s (hard timeout); no figures\n`);
    process.exit(1);
  }, timeoutS * 1000);
  hardTimeout.unref();

  const { runBench } = await import("./bench/main");
  const { formatReport } = await import("./bench/report");
  const started = performance.now();
  const result = await runBench(options, {
    log: (line) => process.stderr.write(`bench: ${line}\n`),
    dataDirCreated: (dir) => {
      dataDir = dir;
    },
  });
  process.stdout.write(`${formatReport(result)}\n`);
  process.stdout.write(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  clearTimeout(hardTimeout);
  return result.problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
