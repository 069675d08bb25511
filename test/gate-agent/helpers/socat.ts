import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";

/** A virtual serial cable: the agent opens `agentSide`, the test writes reader bytes into `readerSide`. */
export interface PtyPair {
  agentSide: string;
  readerSide: string;
  stop(): Promise<void>;
}

export async function startPtyPair(dir: string): Promise<PtyPair> {
  const agentSide = join(dir, "ttyV0");
  const readerSide = join(dir, "ttyV1");
  // Links left by a killed socat would make the new one fail to create them.
  await rm(agentSide, { force: true });
  await rm(readerSide, { force: true });
  const proc = spawn(
    "/usr/bin/socat",
    ["-d", "-d", `pty,raw,echo=0,link=${agentSide}`, `pty,raw,echo=0,link=${readerSide}`],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  proc.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await waitUntil(
    () => existsSync(agentSide) && existsSync(readerSide),
    () => proc.exitCode !== null,
    () => stderr,
  );
  return { agentSide, readerSide, stop: () => stopProcess(proc) };
}

async function waitUntil(ready: () => boolean, failed: () => boolean, why: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ready()) {
    if (failed()) throw new Error(`socat exited: ${why()}`);
    if (Date.now() > deadline) throw new Error(`socat links did not appear: ${why()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}
