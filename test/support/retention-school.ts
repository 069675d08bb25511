import { join } from "node:path";
import { openFileJournal } from "../../server/store/file-journal";
import { addLeader } from "../server/overview-support";
import { checkIn } from "../store/events";
import { createTestSchool, type TestSchool } from "./server-harness";

/**
 * The harness's school with a leader's login, where 李四 (c3) was withdrawn on 10 January 2026 and
 * has a photo, 李爸爸 (p2) collects only him, and a journal day of 2022 names him: on 23 November
 * 2026 the defaults (90 days, 3 years) make all three due.
 */
export async function schoolWithWithdrawnChild(): Promise<TestSchool> {
  const school = await createTestSchool();
  await school.store.update((db) => {
    const child = db.children.find((c) => c.id === "c3");
    if (child) child.photo = "/api/photos/child-c3.jpg";
    db.enrolments = [
      {
        id: "e3",
        childId: "c3",
        application: { date: "2025-09-01", by: "李爸爸" },
        keepsCare: true,
        withdrawal: { requestedOn: "2026-01-09", effectiveFrom: "2026-01-10", reason: "转学" },
        recordedBy: "u1",
        updatedAt: "2025-09-01T00:00:00Z",
      },
    ];
  });
  const journal = await openFileJournal(join(school.dataDir, "journal"));
  await journal.append([{ ...checkIn("old1", "2022-03-04"), childId: "c3" }]);
  await journal.close();
  await addLeader(school);
  return school;
}
