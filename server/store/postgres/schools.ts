import { randomUUID } from "node:crypto";
import type pg from "pg";
import { WanfengError } from "../../../protocol/errors";

/** A school on a district database: everything of it carries its id. */
export interface SchoolRow {
  id: string;
  name: string;
  timezone: string;
}

/** VALIDATION_FAILED (field name): a school of that name exists (case-insensitively). */
export async function addSchool(
  db: pg.Pool | pg.Client,
  school: { name: string; timezone: string },
): Promise<SchoolRow> {
  const id = randomUUID();
  try {
    await db.query("INSERT INTO schools (id, name, timezone) VALUES ($1, $2, $3)", [
      id,
      school.name,
      school.timezone,
    ]);
  } catch (err) {
    if ((err as { code?: string }).code === "23505")
      throw new WanfengError("VALIDATION_FAILED", `a school named "${school.name}" exists`, {
        field: "name",
      });
    throw err;
  }
  return { id, ...school };
}

export async function listSchools(db: pg.Pool | pg.Client): Promise<SchoolRow[]> {
  const result = await db.query<SchoolRow>(
    "SELECT id, name, timezone FROM schools ORDER BY created_at, name",
  );
  return result.rows;
}

/**
 * The school a `--school <name|id>` names; without one, the only school. NOT_FOUND: no such
 * school, or none at all; VALIDATION_FAILED: several schools and none named.
 */
export async function resolveSchool(
  db: pg.Pool | pg.Client,
  nameOrId: string | undefined,
): Promise<SchoolRow> {
  const schools = await listSchools(db);
  if (nameOrId === undefined) {
    if (schools.length === 1 && schools[0]) return schools[0];
    if (schools.length === 0)
      throw new WanfengError("NOT_FOUND", "no school on this database yet: wanfeng school add <name>");
    throw new WanfengError(
      "VALIDATION_FAILED",
      `several schools on this database: name one with --school (${schools.map((s) => s.name).join(", ")})`,
      { field: "school" },
    );
  }
  const wanted = nameOrId.trim().toLowerCase();
  const found =
    schools.find((s) => s.id === nameOrId) ?? schools.find((s) => s.name.toLowerCase() === wanted);
  if (!found) throw new WanfengError("NOT_FOUND", `no school "${nameOrId}"`);
  return found;
}
