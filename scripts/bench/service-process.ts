import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { type ProcStats, readProcStats } from "./process-stats";

/** A server the bench started in its own process, answering HTTP at `url`. */
export interface ServiceProcess {
  label: string;
  url: string;
  pid: number;
  /** From spawn to the first HTTP answer. */
  startupMs: number;
  /** Read from /proc while the process runs; undefined once it is gone. */
  stats(): ProcStats | undefined;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. */
  stop(): Promise<void>;
}

export interface LaunchSpec {
  label: string;
  /** The program to run (default: this Node, with `args` as its arguments). */
  command?: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** Any HTTP answer on this path (even 401 or 404) means the server is up. */
  readyPath: string;
  /** stdout and stderr go here, as a service's would go to its log. */
  logFile: string;
  readyTimeoutMs?: number;
}

const POLL_MS = 10;
const STOP_GRACE_MS = 5_000;

/** Every process the bench started, so an abrupt exit (hard timeout, Ctrl-C) can still end them. */
const running = new Set<ChildProcess>();

export function killAllServices(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/** A port that was free a moment ago (the OS picks it); the service binds it right after. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function logTail(file: string): string {
  try {
    return readFileSync(file, "utf-8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Starts `<command> <args>` (default `node <args>`) and resolves once it answers HTTP on 127.0.0.1:<port>. */
export async function launchService(spec: LaunchSpec): Promise<ServiceProcess> {
  const log = openSync(spec.logFile, "a");
  const startedAt = performance.now();
  const child = spawn(spec.command ?? process.execPath, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.label}: could not start (${logTail(spec.logFile)})`);

  const url = `http://127.0.0.1:${spec.port}`;
  const deadline = startedAt + (spec.readyTimeoutMs ?? 60_000);
  let startupMs = Number.NaN;
  while (Number.isNaN(startupMs)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.label} exited before answering:\n${logTail(spec.logFile)}`);
    }
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${spec.label} did not answer HTTP in time:\n${logTail(spec.logFile)}`);
    }
    try {
      const res = await fetch(url + spec.readyPath);
      await res.arrayBuffer();
      startupMs = performance.now() - startedAt;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  return {
    label: spec.label,
    url,
    pid,
    startupMs,
    stats: () => readProcStats(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
