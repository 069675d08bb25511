import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { EventLog } from "./events";

const BIN = resolve(import.meta.dirname, "../../../bin/wanfeng.js");

/** One line of the agent's JSON log. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface AgentProcess {
  child: ChildProcess;
  logs: EventLog<LogLine>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** `wanfeng agent` as a real process, its JSON log lines awaitable as events. */
export function spawnAgent(args: string[], env: Record<string, string> = {}): AgentProcess {
  const child = spawn(process.execPath, [BIN, "agent", ...args], {
    env: { ...process.env, LOG_LEVEL: "info", LOG_FORMAT: "json", VITEST: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs = new EventLog<LogLine>();
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    partial += chunk.toString();
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 30, msg: line });
      }
    }
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, "exit");
  child.once("exit", (code, signal) => {
    if (signal === null && code !== 0) logs.push({ level: 60, msg: `agent exited ${code}: ${stderr}` });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    logs,
    async kill9() {
      if (gone()) return;
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
