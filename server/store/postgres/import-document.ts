import type pg from "pg";
import { createLogger } from "../../../common/log";
import { validateOrThrow } from "../apply-change";
import { currentActor } from "../change-actor";
import type { Db } from "../schema";
import { notifyChange } from "./change-feed";
import { recordWrite } from "./change-record";
import { storeError } from "./db-errors";
import { loadSchool, schoolLabel } from "./load";
import { bumpVersions, lockSchool, readVersions } from "./versions";
import { writeChangedRows } from "./write-rows";

const log = createLogger("store/postgres/import");

/**
 * Writes a whole school from the file backend's document (`wanfeng db import`, the demo school),
 * in one transaction: afterwards the school's tables hold exactly the document (rows it lacks are
 * removed), recorded in the change record as one entry. Open storages of the school hear it like
 * any other process's write.
 * VALIDATION_FAILED: the document is invalid; NOT_FOUND: no such school, or a row points at nothing.
 */
export async function importSchoolDocument(pool: pg.Pool, schoolId: string, db: Db): Promise<void> {
  const label = schoolLabel(schoolId);
  const document = validateOrThrow(db, "VALIDATION_FAILED", label);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await lockSchool(client, schoolId);
    const before = await loadSchool(client, schoolId);
    const kinds = await writeChangedRows(client, schoolId, before, document);
    await recordWrite(client, schoolId, currentActor(), before, document);
    if (kinds.size > 0) {
      await bumpVersions(client, schoolId, await readVersions(client, schoolId), kinds);
      await notifyChange(client, schoolId, "import", kinds);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw storeError(err, label, log);
  } finally {
    client.release();
  }
}
