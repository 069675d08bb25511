import type { z } from "zod";
import type { Logger } from "../../common/log";
import { isWanfengError, WanfengError } from "../../protocol";
import { type Db, DbSchema } from "./schema";

/**
 * What every store does with a change: run it on a copy, refuse an async one, validate the
 * result. The copy becomes the current document only after the caller wrote it.
 */
export function applyChange(current: Db, change: (db: Db) => void, label: string): Db {
  const draft = structuredClone(current);
  const result: unknown = change(draft);
  // An async change would keep editing the draft after it was validated and written.
  if (result instanceof Promise) {
    result.catch(() => undefined);
    throw new WanfengError("INTERNAL", "store.update() needs a synchronous change function");
  }
  return validateOrThrow(draft, "VALIDATION_FAILED", label);
}

/** A write failure as STORE_WRITE_FAILED (logged with the cause), unless it already has a code. */
export function writeFailure(err: unknown, label: string, log: Logger): WanfengError {
  if (isWanfengError(err)) return err;
  log.error({ err, store: label }, "document write failed");
  return new WanfengError("STORE_WRITE_FAILED", `could not write ${label}: ${String(err)}`);
}

export function validateOrThrow(
  value: unknown,
  code: "STORE_CORRUPT" | "VALIDATION_FAILED",
  label: string,
): Db {
  const result = DbSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  const list = issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ");
  const what = code === "STORE_CORRUPT" ? `${label} is invalid` : `update of ${label} rejected`;
  throw new WanfengError(code, `${what}: ${list}`, { file: label, issues });
}

/** `children[3].grade`, the way a person looks for it in the JSON file. */
export function formatPath(path: readonly z.core.$ZodIssue["path"][number][]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
