import { join } from "node:path";
import type { ChildCheckedIn } from "../../server/domain/events";
import { openFileJournal } from "../../server/store/file-journal";
import { filePurgeDeps } from "../../server/store/file-purge";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { type Db, emptyDb } from "../../server/store/schema";
import { checkIn } from "../store/events";

/** The retention tests' school: both backends' purge tests and the schedule's. */

export const TODAY = "2025-06-02";

/** 张小明 withdrawn from 2025-01-10 (past 90 days), his sister 张小红 still in care, and a pupil withdrawn last week. */
export function purgeSchool(): Db {
  const db = emptyDb();
  db.rooms.push({ id: "r1", name: "101" });
  db.groups.push({ id: "g1", name: "一年级", roomId: "r1", capacity: 30 });
  const child = (id: string, name: string) => ({ id, name, grade: 1, className: "1班", groupId: "g1" });
  db.children.push(
    {
      ...child("20250101", "张小明"),
      photo: "/api/photos/child-20250101.jpg",
      health: { allergies: ["花生"], diet: [], medications: [] },
    },
    child("20250102", "张小红"),
    { ...child("20250103", "李四"), photo: "/api/photos/child-20250103.jpg" },
  );
  db.guardians.push(
    { id: "gd1", name: "张丽", phone: "13900001111", photo: "/api/photos/guardian-gd1.jpg" },
    { id: "gd2", name: "王芳", phone: "13900002222" },
    { id: "gd3", name: "李强", phone: "13900003333" },
  );
  db.guardianships.push(
    { childId: "20250101", guardianId: "gd1", relation: "妈妈" },
    { childId: "20250101", guardianId: "gd2", relation: "奶奶" },
    { childId: "20250102", guardianId: "gd2", relation: "奶奶" },
    { childId: "20250103", guardianId: "gd3", relation: "爸爸" },
  );
  const withdrawal = (id: string, childId: string, effectiveFrom: string) => ({
    id,
    childId,
    application: { date: "2024-09-01", by: "家长" },
    keepsCare: true as const,
    withdrawal: { requestedOn: effectiveFrom, effectiveFrom, reason: "转学" },
    recordedBy: "u1",
    updatedAt: "2024-09-01T00:00:00Z",
  });
  db.enrolments = [withdrawal("e1", "20250101", "2025-01-10"), withdrawal("e3", "20250103", "2025-05-26")];
  return db;
}

export const named = (id: string, day: string) =>
  ({ ...checkIn(id, day), childName: "张小明", note: "奶奶张丽来接" }) as unknown as ChildCheckedIn;

/** That school in the data folder `dir`: its photos, a journal day of 2021 and one of 2025. */
export async function purgeSchoolFolder(dir: string) {
  const storage = await openDocumentStore(dir, { initialDb: purgeSchool() });
  const deps = filePurgeDeps(dir, storage);
  for (const stem of ["child-20250101", "guardian-gd1", "child-20250103"]) {
    await deps.photos.savePhoto(stem, "jpg", Buffer.from([0xff, 0xd8, 0xff, 1]));
  }
  const journal = await openFileJournal(join(dir, "journal"));
  await journal.append([named("old1", "2021-03-04"), named("old2", "2021-03-04")]);
  await journal.append([named("new1", "2025-03-04")]);
  const oldHead = await journal.headHash?.("2021-03-04");
  await journal.close();
  return { dir, storage, deps, oldHead };
}

/** The name the PostgreSQL purge tests know it by. */
export const school = purgeSchool;
