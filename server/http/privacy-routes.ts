import express, { Router } from "express";
import { z } from "zod";
import { WanfengError } from "../../protocol";
import { childHistory, childHistoryCsv } from "../archive/child-history";
import type { EventJournal } from "../domain/events";
import { importPhotoZip, previewPhotoZip } from "../photos/photo-import";
import { PHOTO_ZIP_LIMITS } from "../photos/photo-zip";
import type { SessionStore, UserStore } from "../ports/access";
import type { PhotoFiles } from "../ports/photos";
import type { RosterReader, RosterWriter } from "../ports/roster";
import { REPORT_LANGUAGES } from "../reports/labels";
import { requireUser } from "./require-user";
import { PathIdSchema, validated } from "./validate";

/**
 * The office's personal-data pages (issue 10 items 3 and 7): the bulk photo import (a zip,
 * previewed, then applied) and one child's history with its CSV. Admin only. The zip is the raw
 * request body, as the roster upload is; the same-origin rules of every write apply
 * (server/http/same-origin.ts: a zip is no type an HTML form can send).
 */

const ZipTypeSchema = z.enum(["application/zip", "application/x-zip-compressed", "application/octet-stream"]);
const HistoryQuerySchema = z.object({ lang: z.enum(REPORT_LANGUAGES).default("zh") });

export function privacyRoutes(
  store: SessionStore & UserStore & RosterReader & RosterWriter,
  clock: () => Date,
  journal: EventJournal | undefined,
  photos: PhotoFiles | undefined,
): Router {
  const router = Router();
  const admin = requireUser(store, clock, ["admin"]);
  const upload = express.raw({ type: () => true, limit: PHOTO_ZIP_LIMITS.zipBytes });
  const zipOf = (req: express.Request): Buffer => {
    validated(ZipTypeSchema, (req.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase());
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new WanfengError("VALIDATION_FAILED", "no file");
    return body;
  };
  const photoFiles = (): PhotoFiles => {
    if (!photos) throw new WanfengError("NOT_FOUND", "photos are not kept on this server");
    return photos;
  };

  router.post("/api/admin/photos/import/preview", admin, upload, async (req, res) => {
    res.json({ data: await previewPhotoZip(store, zipOf(req)) });
  });
  router.post("/api/admin/photos/import", admin, upload, async (req, res) => {
    res.json({ data: await importPhotoZip(store, photoFiles(), zipOf(req)) });
  });

  const historyOf = async (rawId: unknown) => {
    const childId = validated(PathIdSchema, rawId);
    if (!journal) throw new WanfengError("NOT_FOUND", "no journal");
    const history = await childHistory(store.schoolRoster(), journal, childId, clock());
    if (!history) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
    return history;
  };
  router.get("/api/admin/children/:id/history", admin, async (req, res) => {
    res.json({ data: await historyOf(req.params.id) });
  });
  router.get("/api/admin/children/:id/history.csv", admin, async (req, res) => {
    const { lang } = validated(HistoryQuerySchema, req.query);
    const history = await historyOf(req.params.id);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="child-${history.child.id}-history.csv"`);
    res.send(childHistoryCsv(history, lang));
  });
  return router;
}
