import express, { Router } from "express";
import type { Role } from "../../protocol";
import { canSeePhoto } from "../auth/photo-scope";
import {
  NOT_AN_IMAGE,
  PHOTO_MAX_BYTES,
  PHOTO_URL_PREFIX,
  type PhotoKind,
  photoStem,
  uploadedImageExtension,
} from "../photos/photo-names";
import type { SessionStore, UserStore } from "../ports/access";
import type { PhotoFiles } from "../ports/photos";
import type { RosterReader, RosterWriter } from "../ports/roster";
import { sendError } from "./errors";
import { currentUser, requireUser } from "./require-user";

/**
 * Children's and guardians' photos for the guard's screen (SPEC "Who may collect"). They live on
 * the LAN server only (`<dataDir>/photos/`, see PhotoFiles) and are served behind a login, never
 * to anyone else.
 * The roster keeps the same-origin path `/api/photos/<file>` (see server/domain/entities/custody.ts).
 */

const FILE_NAME = /^[a-z0-9_-]{1,64}\.(jpg|jpeg|png|webp)$/i;
const VIEWERS: readonly Role[] = ["admin", "teacher", "guard", "leader"];
const KINDS: readonly PhotoKind[] = ["child", "guardian"];

const TYPES = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
} as const;

function isKind(value: unknown): value is PhotoKind {
  return typeof value === "string" && (KINDS as readonly string[]).includes(value);
}

export function photoRoutes(
  store: SessionStore & UserStore & RosterReader & RosterWriter,
  clock: () => Date,
  photos: PhotoFiles | undefined,
): Router {
  const router = Router();

  router.get("/api/photos/:file", requireUser(store, clock, VIEWERS), async (req, res) => {
    const file = String(req.params.file);
    const ext = FILE_NAME.test(file)
      ? (file.split(".").pop()?.toLowerCase() as keyof typeof TYPES)
      : undefined;
    // Out of scope answers like a missing photo: the name says nothing about who exists.
    const visible = canSeePhoto(currentUser(res), store.schoolRoster(), PHOTO_URL_PREFIX + file);
    const bytes = ext && photos && visible ? await photos.readPhoto(file) : undefined;
    if (!ext || !bytes) {
      sendError(res, "NOT_FOUND", "no such photo");
      return;
    }
    res.setHeader("Content-Type", TYPES[ext]);
    res.setHeader("Cache-Control", "private, max-age=3600");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.send(bytes);
  });

  const admin = requireUser(store, clock, ["admin"]);
  const upload = express.raw({ type: () => true, limit: PHOTO_MAX_BYTES });

  /** Finds the roster entry; answers 404/400 itself and returns undefined when it cannot. */
  const target = (kind: unknown, id: unknown, res: express.Response) => {
    if (!isKind(kind) || typeof id !== "string" || id.length < 1 || id.length > 64) {
      sendError(res, "VALIDATION_FAILED", "kind must be child or guardian, with an id");
      return undefined;
    }
    const roster = store.schoolRoster();
    const found =
      kind === "child" ? roster.children.some((c) => c.id === id) : roster.guardians.some((g) => g.id === id);
    if (!found || !photos) {
      sendError(res, "NOT_FOUND", `no such ${kind}`);
      return undefined;
    }
    return { kind, id, photos };
  };

  const setPhoto = (kind: PhotoKind, id: string, photo: string | undefined) =>
    store.setPhoto(kind, id, photo);

  router.put("/api/admin/photos/:kind/:id", admin, upload, async (req, res) => {
    const found = target(req.params.kind, req.params.id, res);
    if (!found) return;
    const ext = uploadedImageExtension(req.headers["content-type"], req.body);
    if (!ext) {
      sendError(res, "VALIDATION_FAILED", NOT_AN_IMAGE);
      return;
    }
    const file = await found.photos.savePhoto(photoStem(found.kind, found.id), ext, req.body as Buffer);
    const photo = PHOTO_URL_PREFIX + file;
    await setPhoto(found.kind, found.id, photo);
    res.json({ data: { photo } });
  });

  router.delete("/api/admin/photos/:kind/:id", admin, async (req, res) => {
    const found = target(req.params.kind, req.params.id, res);
    if (!found) return;
    await found.photos.removePhotos(photoStem(found.kind, found.id));
    await setPhoto(found.kind, found.id, undefined);
    res.json({ data: null });
  });

  return router;
}
