import { Router } from "express";
import { StaffSignSchema } from "../../protocol";
import type { SessionStore, UserStore } from "../ports/access";
import type { AttendanceService } from "../staff/attendance-service";
import { sendError } from "./errors";
import { currentUser, requireUser } from "./require-user";
import { validated } from "./validate";

/**
 * Signing in and out by login (考勤) for staff without a card at hand: one's own attendance only.
 * Technicians are not care staff.
 */
export function staffRoutes(
  store: SessionStore & UserStore,
  attendance: AttendanceService,
  clock: () => Date,
): Router {
  const router = Router();
  router.use("/api/staff", requireUser(store, clock), (_req, res, next) => {
    if (currentUser(res).role === "technician") sendError(res, "AUTH_FORBIDDEN", "not care staff");
    else next();
  });
  router.get("/api/staff/me", async (_req, res) => {
    res.json({ data: await attendance.status(currentUser(res).id) });
  });
  router.post("/api/staff/sign", async (req, res) => {
    const { action } = validated(StaffSignSchema, req.body);
    res.json({ data: await attendance.sign(currentUser(res), action) });
  });
  return router;
}
