import type { Logger } from "../../../common/log";
import { isWanfengError, WanfengError } from "../../../protocol/errors";
import { writeFailure } from "../apply-change";

/** The form field each unique index stands for, so a screen can point at it. */
const FIELD_OF_INDEX: Record<string, string> = {
  users_username_key: "username",
  district_users_username_key: "username",
  rooms_name_key: "name",
  care_groups_name_key: "name",
  devices_name_key: "name",
  sessions_pkey: "tokenHash",
};

/**
 * A failed write as the code the ports document: a constraint PostgreSQL held as
 * VALIDATION_FAILED (a taken name, with its field) or NOT_FOUND (a row pointing at nothing);
 * anything else as STORE_WRITE_FAILED, logged with its cause.
 */
export function storeError(err: unknown, label: string, log: Logger): WanfengError {
  if (isWanfengError(err)) return err;
  const { code, constraint, detail } = err as { code?: string; constraint?: string; detail?: string };
  const what = `${label}: ${detail ?? String(err)}`;
  if (code === "23505") {
    const field = (constraint && FIELD_OF_INDEX[constraint]) ?? "id";
    return new WanfengError("VALIDATION_FAILED", `taken: ${what}`, { field });
  }
  if (code === "23503") return new WanfengError("NOT_FOUND", `points at nothing: ${what}`);
  if (code === "23514" || code === "23502") return new WanfengError("VALIDATION_FAILED", `refused: ${what}`);
  return writeFailure(err, label, log);
}
