import type pg from "pg";
import { WanfengError } from "../../../protocol/errors";
import { STORE_CHANGE_KINDS, type StoreChangeKind } from "../../ports/changes";

/** How many committed writes each kind of a school's data has had (store_versions). */
export type KindVersions = ReadonlyMap<StoreChangeKind, number>;

/**
 * Serialises writers of one school across every process: the lock lasts until the transaction
 * ends. NOT_FOUND: no such school.
 */
export async function lockSchool(client: pg.ClientBase, schoolId: string): Promise<void> {
  const found = await client.query("SELECT id FROM schools WHERE id = $1 FOR UPDATE", [schoolId]);
  if (found.rowCount === 0) throw new WanfengError("NOT_FOUND", `no school ${schoolId}`);
}

export async function readVersions(client: pg.ClientBase, schoolId: string): Promise<KindVersions> {
  const result = await client.query<{ kind: StoreChangeKind; version: string }>(
    "SELECT kind, version FROM store_versions WHERE school_id = $1",
    [schoolId],
  );
  return new Map(result.rows.map((r) => [r.kind, Number(r.version)]));
}

/** The kinds whose version in `now` differs from the one the copy was loaded at. */
export function staleKinds(loaded: KindVersions, now: KindVersions): Set<StoreChangeKind> {
  return new Set(STORE_CHANGE_KINDS.filter((kind) => (loaded.get(kind) ?? 0) !== (now.get(kind) ?? 0)));
}

/** Counts one more write of each kind; returns the versions with the new counts. */
export async function bumpVersions(
  client: pg.ClientBase,
  schoolId: string,
  before: KindVersions,
  kinds: ReadonlySet<StoreChangeKind>,
): Promise<KindVersions> {
  const result = await client.query<{ kind: StoreChangeKind; version: string }>(
    `INSERT INTO store_versions (school_id, kind, version) SELECT $1, kind, 1 FROM unnest($2::text[]) AS kind
     ON CONFLICT (school_id, kind) DO UPDATE SET version = store_versions.version + 1
     RETURNING kind, version`,
    [schoolId, [...kinds]],
  );
  const after = new Map(before);
  for (const row of result.rows) after.set(row.kind, Number(row.version));
  return after;
}
