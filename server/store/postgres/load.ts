import type pg from "pg";
import { WanfengError } from "../../../protocol/errors";
import type { StoreChangeKind } from "../../ports/changes";
import { validateOrThrow } from "../apply-change";
import { type Db, emptyDb } from "../schema";
import type { DraftDb, Row, TableSpec } from "./table-spec";
import { SCHOOL_TABLES, tablesOfKinds } from "./tables";

/**
 * Reads a school's tables back into the document the ports work on, validated by DbSchema like
 * the file backend's document, so a row a person edited by hand is reported, not half-used.
 */
export async function loadSchool(client: pg.ClientBase, schoolId: string): Promise<Db> {
  const school = await client.query<{ name: string; timezone: string }>(
    "SELECT name, timezone FROM schools WHERE id = $1",
    [schoolId],
  );
  const row = school.rows[0];
  if (!row) throw new WanfengError("NOT_FOUND", `no school ${schoolId}`);
  // A school added with `wanfeng school add` has no settings row until it is imported.
  const draft: DraftDb = { ...emptyDb({ schoolName: row.name, timezone: row.timezone }) };
  for (const table of SCHOOL_TABLES) table.place(draft, await readRows(client, schoolId, table));
  return validateOrThrow(draft, "STORE_CORRUPT", schoolLabel(schoolId));
}

/** `current` with the tables of `kinds` read again. */
export async function reloadKinds(
  client: pg.ClientBase,
  schoolId: string,
  current: Db,
  kinds: ReadonlySet<StoreChangeKind>,
): Promise<Db> {
  const draft: DraftDb = { ...current };
  for (const table of tablesOfKinds(kinds)) table.place(draft, await readRows(client, schoolId, table));
  return validateOrThrow(draft, "STORE_CORRUPT", schoolLabel(schoolId));
}

export function schoolLabel(schoolId: string): string {
  return `school ${schoolId} (PostgreSQL)`;
}

async function readRows(client: pg.ClientBase, schoolId: string, table: TableSpec): Promise<Row[]> {
  // Dates as text: pg would make them JS Dates at local midnight.
  const columns = Object.entries(table.columns).map(([name, type]) =>
    type === "date" ? `${name}::text AS ${name}` : name,
  );
  const order = table.ordered ? ["position"] : table.key.length > 0 ? table.key : ["school_id"];
  const result = await client.query(
    `SELECT ${columns.join(", ")} FROM ${table.table} WHERE school_id = $1 ORDER BY ${order.join(", ")}`,
    [schoolId],
  );
  return result.rows;
}
