import pino, { type Logger } from "pino";

/**
 * One structured logger per module. LOG_LEVEL picks the level (default info; tests default to
 * warn so their output stays readable). Raw reader bytes are logged only at debug level.
 */
const root = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "error" : "info"),
  base: { app: "wanfeng" },
});

export type { Logger };

export function createLogger(module: string): Logger {
  return root.child({ module });
}
