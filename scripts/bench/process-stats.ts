import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Memory and CPU of another process, read from Linux's /proc (the bench's own figures would lie). */
export interface ProcStats {
  /** Peak resident set (VmHWM) since the process started. */
  peakRssMb: number;
  /** Resident set now (VmRSS). */
  rssMb: number;
  /** User + system CPU time since the process started. */
  cpuSeconds: number;
}

let clockTicks: number | undefined;

/** Clock ticks per second that /proc/<pid>/stat counts CPU time in (nearly always 100). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf-8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

/** Undefined when the process is gone or this is not Linux. */
export function readProcStats(pid: number): ProcStats | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf-8");
    const stat = readFileSync(`/proc/${pid}/stat`, "utf-8");
    // The command name (field 2) may hold spaces; the fields after its closing ")" do not.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return {
      peakRssMb: statusKb(status, "VmHWM") / 1024,
      rssMb: statusKb(status, "VmRSS") / 1024,
      cpuSeconds: ticks / ticksPerSecond(),
    };
  } catch {
    return undefined;
  }
}
