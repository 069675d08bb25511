import { parseArgs } from "node:util";

/** What one bench run does; every number is bounded so a run always ends by itself. */
export interface BenchOptions {
  /** Children on the generated roster (care groups of 30, one room each). */
  children: number;
  /** Screen sockets, kiosks and guard screens together. */
  screens: number;
  /** Share of the screens that are guard screens (gate view); at least one. */
  guardShare: number;
  /** Gate agents sending the taps (one device socket each, taps dealt round-robin). */
  gates: number;
  /** Guardian taps per second, paced without drift. */
  rate: number;
  /** Guardian taps in total (each a different guardian, so no tap is debounced). */
  taps: number;
  /** Unmeasured taps sent to each system first, so the JIT has compiled the tap path. */
  warmup: number;
  /** How long to wait for the last deliveries after the last tap of a block. */
  drainMs: number;
  /**
   * Rounds of one server block and one relay block: the taps are split into this many blocks, and
   * each system taps each block in turn (ABBA), so both meet the same spells of the disk's fsync.
   */
  rounds: number;
  /** School days of journals written into the data folder before the server starts (0: none). */
  yearDays: number;
  /** Print one JSON object instead of the tables. */
  json: boolean;
  /** Keep the temporary folder (data folder, server and relay logs) instead of removing it. */
  keep: boolean;
  /** A PostgreSQL database: the generated school is moved there (`db import`) and served from it. */
  database?: string;
  /** Server nodes on the database (the screens spread over them, the taps enter through the first). */
  nodes: number;
}

/** A school year in China: about 38 weeks of five school days. */
export const SCHOOL_YEAR_DAYS = 190;

export const DEFAULT_OPTIONS: BenchOptions = {
  children: 5000,
  screens: 400,
  guardShare: 0.1,
  gates: 1,
  rate: 200,
  taps: 2000,
  warmup: 200,
  drainMs: 15_000,
  rounds: 8,
  yearDays: 0,
  json: false,
  keep: false,
  nodes: 1,
};

export const DEFAULT_TIMEOUT_S = 180;

/** Both systems pace their taps (warm-up included) for (taps + warmup) / rate seconds each; two minutes on top for the rest. */
export function defaultTimeoutS(options: BenchOptions): number {
  // Writing a day of a 5,000-child school takes up to a second on a busy machine.
  const yearS = Math.ceil(options.yearDays * 1.5);
  return Math.max(
    DEFAULT_TIMEOUT_S,
    Math.ceil((2 * (options.taps + options.warmup)) / options.rate) + 120 + yearS,
  );
}

export const HELP = `Usage: npm run bench -- [options]

Measures tap → screen latency of the Wanfeng server, started as \`wanfeng start\` in its own
process, against a durable relay process on the same disk (one fsync'd line per tap, as long
as the server's journal record of a tap, group commit, then relay and ack): the floor for a
durable server here. The screens and the gate agents run in this process, the same for both.

Options:
  --children <n>      children on the generated roster          (default ${DEFAULT_OPTIONS.children})
  --screens <n>       screen sockets, ~10% of them guard views   (default ${DEFAULT_OPTIONS.screens})
  --gates <n>         gate agents sharing the taps               (default ${DEFAULT_OPTIONS.gates})
  --rate <n>          guardian taps per second                   (default ${DEFAULT_OPTIONS.rate})
  --taps <n>          guardian taps in total, to each system     (default ${DEFAULT_OPTIONS.taps})
  --warmup <n>        unmeasured taps sent to each system before the measured ones, so
                      the figures are those of a server whose tap path the JIT has
                      compiled, as it is after its first minutes (default ${DEFAULT_OPTIONS.warmup})
  --rounds <n>        the taps in this many blocks; server and relay tap each block in
                      turn (server, relay, relay, server, …) so both meet the same spells
                      of the disk and the machine; 1: all of the server's, then the
                      relay's                                    (default ${DEFAULT_OPTIONS.rounds})
  --year              first write a school year of journals (${SCHOOL_YEAR_DAYS} school days) into the
                      server's data folder and report its start-up time with them
  --year-days <n>     school days of journals for --year         (default ${SCHOOL_YEAR_DAYS})
  --database <url>    serve the generated school from this PostgreSQL database (moved there
                      with \`wanfeng db import\`, a school of its own each run)
  --nodes <n>         server nodes on --database; screens spread over all, taps enter
                      through the first                          (default 1)
  --json              print the figures as one JSON object
  --keep              keep the temporary folder (data, journal, server and relay logs)
  --timeout <s>       give up and fail after this many seconds   (default ${DEFAULT_TIMEOUT_S},
                      or longer for many taps, a low rate or --year)
  -h, --help          show this text
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
        gates: { type: "string" },
        rate: { type: "string" },
        taps: { type: "string" },
        rounds: { type: "string" },
        warmup: { type: "string" },
        year: { type: "boolean" },
        "year-days": { type: "string" },
        json: { type: "boolean" },
        keep: { type: "boolean" },
        database: { type: "string" },
        nodes: { type: "string" },
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
  const yearDays = int("year-days", SCHOOL_YEAR_DAYS, 1, 400);
  if (values["year-days"] !== undefined && values.year !== true) problems.push("--year-days needs --year");
  const options: BenchOptions = {
    ...DEFAULT_OPTIONS,
    children: int("children", DEFAULT_OPTIONS.children, 1, 100_000),
    screens: int("screens", DEFAULT_OPTIONS.screens, 2, 5_000),
    gates: int("gates", DEFAULT_OPTIONS.gates, 1, 50),
    rate: int("rate", DEFAULT_OPTIONS.rate, 1, 5_000),
    taps: int("taps", DEFAULT_OPTIONS.taps, 1, 100_000),
    rounds: int("rounds", DEFAULT_OPTIONS.rounds, 1, 100),
    warmup: int("warmup", DEFAULT_OPTIONS.warmup, 0, 10_000),
    yearDays: values.year === true ? yearDays : 0,
    json: values.json === true,
    keep: values.keep === true,
    ...(typeof values.database === "string" ? { database: values.database } : {}),
    nodes: int("nodes", DEFAULT_OPTIONS.nodes, 1, 8),
  };
  if (options.rounds > options.taps) problems.push("--rounds cannot be more than --taps");
  if (options.nodes > 1 && options.database === undefined) problems.push("--nodes needs --database");
  if (options.database !== undefined && options.yearDays > 0) problems.push("--year is for the data folder");
  const timeoutS = int("timeout", defaultTimeoutS(options), 5, 7_200);
  if (problems.length > 0) return { kind: "error", message: problems.join("\n") };
  return { kind: "run", options, timeoutS };
}
