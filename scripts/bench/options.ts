import { parseArgs } from "node:util";

/** What one bench run does; every number is bounded so a run always ends by itself. */
export interface BenchOptions {
  /** Children on the generated roster (care groups of 30, one room each). */
  children: number;
  /** Screen sockets, kiosks and guard screens together. */
  screens: number;
  /** Share of the screens that are guard screens (gate view); at least one. */
  guardShare: number;
  /** Guardian taps per second, paced without drift. */
  rate: number;
  /** Guardian taps in total (each a different guardian, so no tap is debounced). */
  taps: number;
  /** How long to wait for the last deliveries after the last tap. */
  drainMs: number;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  children: 5000,
  screens: 400,
  guardShare: 0.1,
  rate: 200,
  taps: 2000,
  drainMs: 15_000,
};

export const DEFAULT_TIMEOUT_S = 120;

/** Both runs pace their taps for taps / rate seconds each; allow a minute on top for the rest. */
export function defaultTimeoutS(options: BenchOptions): number {
  return Math.max(DEFAULT_TIMEOUT_S, Math.ceil((2 * options.taps) / options.rate) + 60);
}

export const HELP = `Usage: npm run bench -- [options]

Measures tap → screen latency through the real Wanfeng server (file journal, fsync per batch)
against a bare socket.io relay with the same sockets, rooms, payload sizes and rate.

Options:
  --children <n>   children on the generated roster        (default ${DEFAULT_OPTIONS.children})
  --screens <n>    screen sockets, ~10% of them guard views (default ${DEFAULT_OPTIONS.screens})
  --rate <n>       guardian taps per second                 (default ${DEFAULT_OPTIONS.rate})
  --taps <n>       guardian taps in total                   (default ${DEFAULT_OPTIONS.taps})
  --timeout <s>    give up and fail after this many seconds (default ${DEFAULT_TIMEOUT_S},
                   or 2 × taps / rate + 60 when that is longer)
  -h, --help       show this text
`;

export type ParsedCommand =
  | { kind: "help" }
  | { kind: "run"; options: BenchOptions; timeoutS: number }
  | { kind: "error"; message: string };

export function parseBenchArgs(args: readonly string[]): ParsedCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        children: { type: "string" },
        screens: { type: "string" },
        rate: { type: "string" },
        taps: { type: "string" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return { kind: "error", message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help === true) return { kind: "help" };

  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = values[name];
    if (typeof raw !== "string") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`--${name} must be a whole number from ${min} to ${max}, got ${raw}`);
      return fallback;
    }
    return n;
  };
  const options: BenchOptions = {
    ...DEFAULT_OPTIONS,
    children: int("children", DEFAULT_OPTIONS.children, 1, 100_000),
    screens: int("screens", DEFAULT_OPTIONS.screens, 2, 5_000),
    rate: int("rate", DEFAULT_OPTIONS.rate, 1, 5_000),
    taps: int("taps", DEFAULT_OPTIONS.taps, 1, 100_000),
  };
  const timeoutS = int("timeout", defaultTimeoutS(options), 5, 3_600);
  if (problems.length > 0) return { kind: "error", message: problems.join("\n") };
  return { kind: "run", options, timeoutS };
}
