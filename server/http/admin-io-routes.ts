import express, { Router } from "express";
import { z } from "zod";
import { MonthSchema, WanfengError } from "../../protocol";
import { printCards } from "../admin/admin-views";
import { importRoster, previewRoster } from "../admin/roster-import";
import { schoolDay } from "../domain/school-day";
import type { SessionStore, UserStore } from "../ports/access";
import type { RosterReader, RosterWriter } from "../ports/roster";
import type { AttendanceService } from "../staff/attendance-service";
import { attendanceCsv } from "../staff/attendance-service";
import { requireUser } from "./require-user";
import { validated } from "./validate";

/** The largest roster file accepted: a school of a few thousand rows is well under 1 MB. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const PrintQuerySchema = z.object({
  guardianId: z.string().trim().min(1).max(64).optional(),
  childId: z.string().trim().min(1).max(64).optional(),
});

/**
 * Files in and out of the administration screen: roster upload (preview, then import), pickup
 * cards to print, the staff attendance report. The upload is the file's raw bytes (no multipart):
 * one file, one request, a size limit, and nothing to parse but the file itself.
 */
export function adminIoRoutes(
  store: SessionStore & UserStore & RosterReader & RosterWriter,
  attendance: AttendanceService,
  clock: () => Date,
): Router {
  const router = Router();
  const admin = requireUser(store, clock, ["admin"]);
  const upload = express.raw({ type: () => true, limit: IMPORT_MAX_BYTES });
  const bytesOf = (body: unknown): Buffer => {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new WanfengError("VALIDATION_FAILED", "no file");
    return body;
  };

  router.post("/api/admin/import/preview", admin, upload, async (req, res) => {
    res.json({ data: await previewRoster(store.schoolRoster(), bytesOf(req.body)) });
  });
  router.post("/api/admin/import", admin, upload, async (req, res) => {
    const today = schoolDay(clock(), store.schoolRoster().settings.timezone);
    const result = await importRoster(store, bytesOf(req.body), today);
    res.json({ data: result });
  });

  router.get("/api/admin/print-cards", admin, (req, res) => {
    const filter = validated(PrintQuerySchema, req.query);
    const roster = store.schoolRoster();
    const query = {
      ...(filter.guardianId ? { guardianId: filter.guardianId } : {}),
      ...(filter.childId ? { childId: filter.childId } : {}),
    };
    res.json({ data: { schoolName: roster.settings.schoolName, cards: printCards(roster, query) } });
  });

  router.get("/api/admin/attendance", admin, async (req, res) => {
    const { month } = validated(MonthSchema, req.query);
    res.json({ data: await attendance.monthReport(month) });
  });
  router.get("/api/admin/attendance.csv", admin, async (req, res) => {
    const { month } = validated(MonthSchema, req.query);
    const csv = attendanceCsv(await attendance.monthReport(month));
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="attendance-${month}.csv"`);
    res.send(csv);
  });
  return router;
}
