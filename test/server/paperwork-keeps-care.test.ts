import { describe, expect, it } from "vitest";
import { AdminService } from "../../server/admin/admin-service";
import { careOnDay, inCareByPaperwork } from "../../server/domain/enrolment";
import type { User } from "../../server/domain/entities";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { AFTERNOON, DAY, smallSchool } from "../domain/fixtures";

const office: User = {
  id: "u-admin",
  username: "admin",
  displayName: "教导处",
  role: "admin",
  passwordHash: "x",
  groupIds: [],
};

function setUp() {
  const store = createMemoryStore(smallSchool());
  let n = 0;
  const admin = new AdminService({ store, clock: () => AFTERNOON, newId: () => `${++n}` });
  const stepOf = (childId: string) =>
    store.schoolRoster().enrolments?.find((e) => e.childId === childId)?.id ?? "";
  return { store, admin, stepOf, inCare: () => careOnDay(store.schoolRoster(), DAY).inCare };
}

describe("paperwork adds dates, never removes a child from care (issue 11, deliverable 4)", () => {
  it("an imported child stays in today's care when the written application is recorded, and after approval", async () => {
    const { admin, stepOf, inCare } = setUp();
    expect(inCare().has("c1")).toBe(true);
    await admin.applyForCare(office, { childId: "c1", date: "2026-09-01", by: "张妈妈" });
    expect(inCare().has("c1")).toBe(true);
    await admin.enrolmentStep(office, stepOf("c1"), { step: "approve", date: "2026-09-03", by: "周主任" });
    expect(inCare().has("c1")).toBe(true);
    await admin.enrolmentStep(office, stepOf("c1"), { step: "agreement", signedOn: "2026-09-05" });
    expect(inCare().has("c1")).toBe(true);
  });

  it("an application dated after today keeps the child in care too", async () => {
    const { admin, inCare } = setUp();
    await admin.applyForCare(office, { childId: "c3", date: "2026-12-01", by: "李爸爸" });
    expect(inCare().has("c3")).toBe(true);
  });

  it("a decline or a withdrawal still ends care; a new child's own application does not start it", async () => {
    const { admin, stepOf, inCare, store } = setUp();
    await admin.applyForCare(office, { childId: "c1", date: "2026-09-01", by: "张妈妈" });
    await admin.enrolmentStep(office, stepOf("c1"), {
      step: "decline",
      date: "2026-09-02",
      by: "周主任",
      reason: "名额已满",
    });
    expect(inCare().has("c1")).toBe(false);
    // A record begun while the child was out of care does not keep anyone in care.
    const application = { date: "2026-09-01", by: "张妈妈" };
    const pending = { id: "x", childId: "c1", application, recordedBy: "u", updatedAt: "" };
    expect(inCareByPaperwork([pending], DAY)).toBe(false);
    expect(store.schoolRoster().enrolments?.[0]?.keepsCare).toBe(true);
  });
});
