import express, { Router } from "express";
import type { CustodyService } from "../admin/custody-service";
import {
  NOT_AN_IMAGE,
  notAuthorisedPhotoStem,
  PHOTO_MAX_BYTES,
  PHOTO_URL_PREFIX,
  uploadedImageExtension,
} from "../photos/photo-names";
import type { SessionStore, UserStore } from "../ports/access";
import type { PhotoFiles } from "../ports/photos";
import type { RosterReader } from "../ports/roster";
import { sendError } from "./errors";
import { currentUser, requireUser } from "./require-user";
import { PathIdSchema, validated } from "./validate";

/**
 * The photo of an adult on a child's not-authorised list (不得接走, issue 10), admin only: the guard
 * compares it with the face at the gate. The same image checks and files as the children's and
 * guardians' photos (photo-routes.ts); the path is kept on the entry and the change journalled as
 * custody:changed by the custody service.
 */
export function barredPhotoRoutes(
  store: SessionStore & UserStore & RosterReader,
  custody: CustodyService,
  clock: () => Date,
  photos: PhotoFiles | undefined,
): Router {
  const router = Router();
  const admin = requireUser(store, clock, ["admin"]);
  const upload = express.raw({ type: () => true, limit: PHOTO_MAX_BYTES });
  const path = "/api/admin/children/:id/not-authorised/:entryId/photo";

  /** The entry's ids and the photo folder; answers 404 itself and returns undefined when missing. */
  const target = (req: express.Request, res: express.Response) => {
    const childId = validated(PathIdSchema, req.params.id);
    const entryId = validated(PathIdSchema, req.params.entryId);
    if (!photos || !custody.notAuthorisedEntry(childId, entryId)) {
      sendError(res, "NOT_FOUND", `no entry ${entryId} for ${childId}`);
      return undefined;
    }
    return { childId, entryId, photos, stem: notAuthorisedPhotoStem(childId, entryId) };
  };

  router.put(path, admin, upload, async (req, res) => {
    const found = target(req, res);
    if (!found) return;
    const ext = uploadedImageExtension(req.headers["content-type"], req.body);
    if (!ext) {
      sendError(res, "VALIDATION_FAILED", NOT_AN_IMAGE);
      return;
    }
    const photo = PHOTO_URL_PREFIX + (await found.photos.savePhoto(found.stem, ext, req.body as Buffer));
    await custody.setNotAuthorisedPhoto(currentUser(res), found.childId, found.entryId, photo);
    res.json({ data: { photo } });
  });

  router.delete(path, admin, async (req, res) => {
    const found = target(req, res);
    if (!found) return;
    await found.photos.removePhotos(found.stem);
    await custody.setNotAuthorisedPhoto(currentUser(res), found.childId, found.entryId, undefined);
    res.json({ data: null });
  });

  return router;
}
