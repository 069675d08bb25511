import type { z } from "zod";
import type { Logger } from "../../common/log";
import { isWanfengError, WanfengError } from "../../protocol";
import { type DraftPart, lazyDraft } from "./lazy-draft";
import { sameJson } from "./same-json";
import { type Db, DbSchema } from "./schema";

/**
 * What every store does with a change: run it on a copy, refuse an async one, validate the
 * result. The copy becomes the current document only after the caller wrote it. `current` is a
 * validated document (every store keeps only those), so the parts the change left as they were
 * are taken from it as they are, not validated again: a login's new session re-validated all
 * 5,000 children, ~30 MB of garbage and a few hundred milliseconds each time.
 */
export function applyChange(current: Db, change: (db: Db) => void, label: string): Db {
  const { draft, partOf } = lazyDraft(current);
  const result: unknown = change(draft);
  // An async change would keep editing the draft after it was validated and written.
  if (result instanceof Promise) {
    result.catch(() => undefined);
    throw new WanfengError("INTERNAL", "store.update() needs a synchronous change function");
  }
  return validateChanged(partOf, current, label);
}

/**
 * DbSchema.parse(draft), part by part: a top-level part the change did not touch, or whose JSON
 * equals `known`'s (a validated document), is known's; any other is parsed by its own schema.
 * This gives what a whole parse gives because DbSchema is a plain object of parts with no check
 * across them (a test keeps it so), zod objects list their keys in schema order, and parsing a
 * parsed part changes nothing. An error reads as the whole parse's: the same issues, each path
 * starting at the part.
 */
function validateChanged(partOf: (key: keyof Db) => DraftPart, known: Db, label: string): Db {
  const shape = DbSchema.shape;
  const out: Record<string, unknown> = {};
  const issues: z.core.$ZodIssue[] = [];
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const draft = partOf(key);
    if (!draft.touched || sameJson(draft.value, known[key])) {
      if (key in known) out[key] = known[key];
      continue;
    }
    const part = shape[key].safeParse(draft.value);
    if (part.success) {
      if (part.data !== undefined || draft.present) out[key] = part.data;
    } else {
      for (const issue of part.error.issues) issues.push({ ...issue, path: [key, ...issue.path] });
    }
  }
  if (issues.length > 0) throw invalid(issues, "VALIDATION_FAILED", label);
  return out as Db;
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
  throw invalid(result.error.issues, code, label);
}

function invalid(
  zodIssues: readonly z.core.$ZodIssue[],
  code: "STORE_CORRUPT" | "VALIDATION_FAILED",
  label: string,
): WanfengError {
  const issues = zodIssues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  const list = issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ");
  const what = code === "STORE_CORRUPT" ? `${label} is invalid` : `update of ${label} rejected`;
  return new WanfengError(code, `${what}: ${list}`, { file: label, issues });
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
