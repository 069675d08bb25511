import { Router } from "express";
import {
  CardStatusSchema,
  ChildGroupSchema,
  DutyInputSchema,
  EnrolmentApplySchema,
  EnrolmentStepSchema,
  GroupInputSchema,
  RoomInputSchema,
  SpecialCareCreateSchema,
  StaffCardSchema,
  WanfengError,
} from "../../protocol";
import { ChildFormSchema, ChildWithdrawSchema } from "../../protocol/child-form";
import type { AdminService } from "../admin/admin-service";
import { adminSnapshot } from "../admin/admin-views";
import { exportChildRecord } from "../archive/child-record";
import type { DayService } from "../day/day-service";
import { ScheduleSchema } from "../domain/entities";
import type { EventJournal } from "../domain/events";
import { lookAlikePairs } from "../domain/look-alike/look-alike-index";
import { scheduleOf } from "../domain/schedule/defaults";
import type { SessionStore, UserStore } from "../ports/access";
import type { ScheduleStore } from "../ports/care";
import type { RosterReader } from "../ports/roster";
import { type ListenSecurity, plainHttpOnNetwork } from "./plain-http";
import { currentUser, requireUser } from "./require-user";
import { PathIdSchema, validated } from "./validate";

/**
 * The administration screen's API (教导处): admin only. Every body and path id is validated with
 * a schema from protocol/admin.ts; refusals are error codes.
 */
export function adminRoutes(
  store: SessionStore & UserStore & RosterReader & ScheduleStore,
  day: DayService,
  admin: AdminService,
  clock: () => Date,
  journal?: EventJournal,
  listen?: ListenSecurity,
): Router {
  const router = Router();
  router.use("/api/admin", requireUser(store, clock, ["admin"]));
  const id = (value: unknown) => validated(PathIdSchema, value);
  const done = { data: null };

  router.get("/api/admin/snapshot", async (_req, res) => {
    await day.ensureToday();
    const roster = store.schoolRoster();
    const plainHttp = listen !== undefined && plainHttpOnNetwork(listen, roster.settings.demo === true);
    res.json({ data: { ...adminSnapshot(roster, day.currentDay), plainHttpOnNetwork: plainHttp } });
  });

  router.post("/api/admin/enrolments", async (req, res) => {
    await admin.applyForCare(currentUser(res), validated(EnrolmentApplySchema, req.body));
    res.json(done);
  });
  router.post("/api/admin/enrolments/:id/step", async (req, res) => {
    await admin.enrolmentStep(currentUser(res), id(req.params.id), validated(EnrolmentStepSchema, req.body));
    res.json(done);
  });

  router.post("/api/admin/special-care", async (req, res) => {
    await admin.addSpecialCare(currentUser(res), validated(SpecialCareCreateSchema, req.body));
    res.json(done);
  });
  router.delete("/api/admin/special-care/:id", async (req, res) => {
    await admin.removeSpecialCare(id(req.params.id));
    res.json(done);
  });

  router.post("/api/admin/groups", async (req, res) => {
    await admin.saveGroup(undefined, validated(GroupInputSchema, req.body));
    res.json(done);
  });
  router.put("/api/admin/groups/:id", async (req, res) => {
    await admin.saveGroup(id(req.params.id), validated(GroupInputSchema, req.body));
    res.json(done);
  });
  router.post("/api/admin/rooms", async (req, res) => {
    await admin.saveRoom(undefined, validated(RoomInputSchema, req.body).name);
    res.json(done);
  });
  router.put("/api/admin/rooms/:id", async (req, res) => {
    await admin.saveRoom(id(req.params.id), validated(RoomInputSchema, req.body).name);
    res.json(done);
  });
  // One child by form: 200 with the problems (nothing saved) or with none (saved).
  router.post("/api/admin/children", async (req, res) => {
    res.json({ data: { problems: await admin.saveChild(undefined, validated(ChildFormSchema, req.body)) } });
  });
  router.put("/api/admin/children/:id", async (req, res) => {
    const form = validated(ChildFormSchema, req.body);
    res.json({ data: { problems: await admin.saveChild(id(req.params.id), form) } });
  });
  router.post("/api/admin/children/:id/withdraw", async (req, res) => {
    await admin.withdrawChild(currentUser(res), id(req.params.id), validated(ChildWithdrawSchema, req.body));
    res.json(done);
  });
  router.post("/api/admin/children/:id/group", async (req, res) => {
    await admin.moveChild(id(req.params.id), validated(ChildGroupSchema, req.body).groupId);
    res.json(done);
  });

  router.post("/api/admin/duties", async (req, res) => {
    await admin.addDuty(validated(DutyInputSchema, req.body));
    res.json(done);
  });
  router.delete("/api/admin/duties/:id", async (req, res) => {
    await admin.removeDuty(id(req.params.id));
    res.json(done);
  });

  router.post("/api/admin/cards/:id/status", async (req, res) => {
    await admin.setCardStatus(id(req.params.id), validated(CardStatusSchema, req.body).status);
    res.json(done);
  });
  router.post("/api/admin/staff-cards", async (req, res) => {
    const { userId, cardNumber } = validated(StaffCardSchema, req.body);
    res.json({ data: { cardId: await admin.bindStaffCard(userId, cardNumber) } });
  });

  // Everything held about one child (PIPL), as a JSON download.
  router.get("/api/admin/children/:id/export", async (req, res) => {
    const childId = id(req.params.id);
    if (!journal) throw new WanfengError("NOT_FOUND", "no journal");
    const record = await exportChildRecord(store.schoolRoster(), journal, childId, clock());
    if (!record) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
    res.setHeader("content-disposition", `attachment; filename="child-${childId}.json"`);
    res.json({ data: record });
  });

  // Children whose names could be mistaken for each other (issue 10): the office checks photos and classes.
  router.get("/api/admin/look-alikes", async (_req, res) => {
    res.json({ data: await day.inspect((roster) => lookAlikePairs(roster)) });
  });

  // The school's timetable (作息时间): seasons, band windows, holidays. A saved schedule reaches
  // kiosks and the gate at once: the day service hears the store's change, rebuilds its index and
  // tells screens to reload.
  router.get("/api/admin/schedule", (_req, res) => {
    const roster = store.schoolRoster();
    res.json({ data: { schedule: scheduleOf(roster), isDefault: roster.schedule === undefined } });
  });
  router.put("/api/admin/schedule", async (req, res) => {
    const schedule = validated(ScheduleSchema, req.body);
    await store.setSchedule(schedule);
    res.json(done);
  });

  return router;
}
