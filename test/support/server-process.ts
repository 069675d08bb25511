import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../../bin/wanfeng.js");

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `wanfeng start` as a real process on a free port; resolves once it says it is running. */
export async function spawnServer(dataDir: string, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [BIN, "start", "--data-dir", dataDir, "--port", "0", "--host", "127.0.0.1", ...args],
    {
      env: { ...process.env, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Wanfeng is running: open (http:\/\/\S+) /.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) =>
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`)),
    );
  });
  const exited = once(child, "exit");
  return {
    url,
    child,
    output: () => output,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
