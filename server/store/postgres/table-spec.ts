import type { StoreChangeKind } from "../../ports/changes";
import type { Db } from "../schema";

/** A table row by column name, as written and as read back. */
export type Row = Record<string, unknown>;

/** A document being put together from rows; validated against DbSchema once every part is in. */
export type DraftDb = Record<string, unknown>;

/** How a column's value is sent and read: dates come back as text, never as a JS Date. */
export type SqlType = "text" | "integer" | "boolean" | "jsonb" | "date" | "text[]";

/**
 * How one part of the school document maps to one table. `rows` and `place` are the two
 * directions; the generic reader and writer (load.ts, write-rows.ts) do the SQL.
 */
export interface TableSpec {
  readonly table: string;
  /** The change kind a write to this table announces. */
  readonly kind: StoreChangeKind;
  /** The columns that identify a row within the school (none: one row per school). */
  readonly key: readonly string[];
  /** True when the key alone is the primary key, unique across schools (sessions). */
  readonly globalKey?: boolean;
  /** True when the list's order is kept in a `position` column. */
  readonly ordered: boolean;
  /** Every column but school_id and position, with its type. */
  readonly columns: Readonly<Record<string, SqlType>>;
  /** The document's part as rows, in the document's order. */
  rows(db: Db): Row[];
  /** Puts the rows read back into the draft as the document's part (replacing it). */
  place(draft: DraftDb, rows: readonly Row[]): void;
}

/** undefined as SQL NULL. */
export function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** A read-back row as an entity: NULL columns are absent fields, as in the document. */
export function present(fields: Row): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(fields))
    if (value !== null && value !== undefined) out[name] = value;
  return out;
}

/** An optional list of the document: absent when the table has no rows for the school. */
export function optionalList(rows: readonly Row[], entity: (row: Row) => Row): Row[] | undefined {
  return rows.length === 0 ? undefined : rows.map(entity);
}
