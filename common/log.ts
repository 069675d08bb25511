import pino, { type Logger } from "pino";

/**
 * One structured logger per module. LOG_LEVEL picks the level (default info; tests default to
 * error so their output stays readable). Raw reader bytes are logged only at debug level.
 * On a terminal the lines are pretty-printed for people; in a pipe or a service they stay JSON
 * for machines. LOG_FORMAT=json|pretty overrides.
 */
const format = process.env.LOG_FORMAT ?? (process.stdout.isTTY && !process.env.VITEST ? "pretty" : "json");

const root = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "error" : "info"),
    base: { app: "wanfeng" },
  },
  format === "pretty"
    ? pino.transport({
        target: "pino-pretty",
        options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,app", destination: 1 },
      })
    : undefined,
);

export type { Logger };

export function createLogger(module: string): Logger {
  return root.child({ module });
}
