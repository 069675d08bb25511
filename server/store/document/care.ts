import { WanfengError } from "../../../protocol";
import type { LeaveStore, OfficeStore, PassStore, ScheduleStore } from "../../ports/care";
import type { RetentionStore } from "../../ports/retention";
import type { PassKeySource } from "../pass-key-file";
import type { DocumentStore } from "../schema";
import { documentRetention } from "./retention";
import { requireChild, requireGroup } from "./roster";

/** Office paperwork, duties, the timetable, the retention settings, passes and leaves on the document. */
export function documentCare(
  store: DocumentStore,
  passKeys?: PassKeySource,
): OfficeStore & ScheduleStore & RetentionStore & PassStore & LeaveStore {
  return {
    addEnrolment: (record) =>
      store.update((db) => {
        requireChild(db, record.childId);
        db.enrolments = [...(db.enrolments ?? []), record];
      }),
    changeEnrolment: (enrolmentId, step) =>
      store.update((db) => {
        const records = db.enrolments ?? [];
        const index = records.findIndex((e) => e.id === enrolmentId);
        const current = records[index];
        if (!current) throw new WanfengError("NOT_FOUND", `no enrolment ${enrolmentId}`);
        records[index] = step(structuredClone(current));
      }),
    addSpecialCare: (item) =>
      store.update((db) => {
        requireChild(db, item.childId);
        requireGroup(db, item.groupId);
        db.specialCare = [...(db.specialCare ?? []), item];
      }),
    removeSpecialCare: (id) =>
      store.update((db) => {
        if (!db.specialCare?.some((s) => s.id === id))
          throw new WanfengError("NOT_FOUND", `no special care ${id}`);
        db.specialCare = db.specialCare.filter((s) => s.id !== id);
      }),
    addDuty: (duty) =>
      store.update((db) => {
        requireGroup(db, duty.groupId);
        if (duty.person.kind === "teacher") {
          const { userId } = duty.person;
          if (!db.users.some((u) => u.id === userId))
            throw new WanfengError("NOT_FOUND", `no user ${userId}`);
        }
        db.duties = [...(db.duties ?? []), duty];
      }),
    removeDuty: (id) =>
      store.update((db) => {
        if (!db.duties?.some((d) => d.id === id)) throw new WanfengError("NOT_FOUND", `no duty ${id}`);
        db.duties = db.duties.filter((d) => d.id !== id);
      }),

    setSchedule: (schedule) =>
      store.update((db) => {
        db.schedule = schedule;
      }),
    ...documentRetention(store),

    passBook: () => {
      const db = store.read();
      return { key: passKeys ? passKeys.current() : db.passKey, passes: db.passes ?? [] };
    },
    async createPass(make, newKey) {
      let created: ReturnType<typeof make> | undefined;
      if (passKeys) await passKeys.ensure(newKey);
      await store.update((db) => {
        if (!passKeys) db.passKey ??= newKey();
        const passes = db.passes ?? [];
        created = make(passes);
        db.passes = [...passes, created];
      });
      if (!created) throw new WanfengError("INTERNAL", "pass not stored");
      return created;
    },
    revokePass: (passId, at, byUserId) =>
      store.update((db) => {
        const stored = db.passes?.find((p) => p.id === passId);
        if (stored && !stored.revokedAt) Object.assign(stored, { revokedAt: at, revokedBy: byUserId });
      }),

    leaves: () => store.read().leaves ?? [],
    addLeave: (leave) =>
      store.update((db) => {
        db.leaves = [...(db.leaves ?? []), leave];
      }),
    cancelLeave: (leaveId, cancel) =>
      store.update((db) => {
        const stored = db.leaves?.find((l) => l.id === leaveId);
        if (stored)
          Object.assign(stored, {
            cancelledAt: cancel.at,
            cancelledBy: cancel.byUserId,
            cancelReason: cancel.reason,
          });
      }),
  };
}
