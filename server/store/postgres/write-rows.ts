import type pg from "pg";
import type { StoreChangeKind } from "../../ports/changes";
import { changedKinds } from "../change-announcer";
import type { Db } from "../schema";
import type { Row, SqlType, TableSpec } from "./table-spec";
import { tablesOfKinds } from "./tables";

/** PostgreSQL takes at most 65,535 parameters in one statement; rows are sent in chunks below it. */
const MAX_PARAMETERS = 60_000;

interface TableDiff {
  table: TableSpec;
  deleted: Row[];
  changed: Row[];
  added: Row[];
}

/**
 * Writes the rows that differ between two versions of a school's document (a photo change writes
 * one row; an import of 5,000 children may write them all) and returns the kinds that changed.
 * Runs inside the caller's transaction; foreign keys are checked at its commit.
 */
export async function writeChangedRows(
  client: pg.ClientBase,
  schoolId: string,
  before: Db,
  after: Db,
): Promise<Set<StoreChangeKind>> {
  // Comparing whole parts first is cheaper than row by row, and most writes touch one kind.
  const touched = changedKinds(before, after);
  const diffs = tablesOfKinds(touched)
    .map((table) => diffTable(table, before, after))
    .filter((d) => d.deleted.length + d.changed.length + d.added.length > 0);
  // Deletes first, so a name a removed row had is free for a new one (unique indexes are immediate).
  for (const d of diffs) if (d.deleted.length > 0) await deleteRows(client, schoolId, d.table, d.deleted);
  for (const d of diffs) await insertRows(client, schoolId, d.table, d.changed, true);
  for (const d of diffs) await insertRows(client, schoolId, d.table, d.added, false);
  return new Set(diffs.map((d) => d.table.kind));
}

function diffTable(table: TableSpec, before: Db, after: Db): TableDiff {
  const previousRows = positioned(table, before);
  const old = new Map(previousRows.map((row) => [keyOf(table, row), JSON.stringify(row)]));
  const diff: TableDiff = { table, deleted: [], changed: [], added: [] };
  const kept = new Set<string>();
  for (const row of positioned(table, after)) {
    const key = keyOf(table, row);
    kept.add(key);
    const previous = old.get(key);
    if (previous === undefined) diff.added.push(row);
    else if (previous !== JSON.stringify(row)) diff.changed.push(row);
  }
  for (const row of previousRows) if (!kept.has(keyOf(table, row))) diff.deleted.push(row);
  return diff;
}

function positioned(table: TableSpec, db: Db): Row[] {
  const rows = table.rows(db);
  return table.ordered ? rows.map((row, position) => ({ ...row, position })) : rows;
}

function keyOf(table: TableSpec, row: Row): string {
  return JSON.stringify(table.key.map((column) => row[column]));
}

async function deleteRows(client: pg.ClientBase, schoolId: string, table: TableSpec, rows: Row[]) {
  if (table.key.length === 0) {
    await client.query(`DELETE FROM ${table.table} WHERE school_id = $1`, [schoolId]);
    return;
  }
  const arrays = table.key.map((column) => rows.map((row) => row[column]));
  const unnest = table.key.map((_, i) => `$${i + 2}::text[]`).join(", ");
  await client.query(
    `DELETE FROM ${table.table} WHERE school_id = $1 AND (${table.key.join(", ")}) IN (SELECT * FROM unnest(${unnest}))`,
    [schoolId, ...arrays],
  );
}

/** Inserts rows; `replace`: rows that exist, whose columns are overwritten. */
async function insertRows(
  client: pg.ClientBase,
  schoolId: string,
  table: TableSpec,
  rows: Row[],
  replace: boolean,
): Promise<void> {
  const types: [string, SqlType][] = Object.entries(table.columns);
  if (table.ordered) types.push(["position", "integer"]);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / types.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [schoolId];
    const values = chunk.map((row) => {
      const cells = types.map(([column, type]) => {
        params.push(toParameter(row[column], type));
        return `$${params.length}::${type}`;
      });
      return `($1, ${cells.join(", ")})`;
    });
    const names = types.map(([column]) => column);
    let sql = `INSERT INTO ${table.table} (school_id, ${names.join(", ")}) VALUES ${values.join(", ")}`;
    if (replace) sql += upsertClause(table, names);
    await client.query(sql, params);
  }
}

function upsertClause(table: TableSpec, columns: string[]): string {
  const target = table.globalKey ? table.key : ["school_id", ...table.key];
  const set = columns.filter((c) => !table.key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  // A key unique across schools (a session's hash) is never taken over from another school.
  const guard = table.globalKey ? ` WHERE ${table.table}.school_id = EXCLUDED.school_id` : "";
  return ` ON CONFLICT (${target.join(", ")}) DO UPDATE SET ${set.join(", ")}${guard}`;
}

function toParameter(value: unknown, type: SqlType): unknown {
  if (value === undefined || value === null) return null;
  // pg would send a JS array as a PostgreSQL array; a jsonb value goes as its JSON text.
  return type === "jsonb" ? JSON.stringify(value) : value;
}
