import express, { Router } from "express";
import type { Role } from "../../protocol";
import { canSeePhoto } from "../auth/photo-scope";
import type { SessionStore, UserStore } from "../ports/access";
import type { PhotoExtension, PhotoFiles } from "../ports/photos";
import type { RosterReader, RosterWriter } from "../ports/roster";
import { sendError } from "./errors";
import { currentUser, requireUser } from "./require-user";

/**
 * Children's and guardians' photos for the guard's screen (SPEC "Who may collect"). They live on
 * the LAN server only (`<dataDir>/photos/`, see PhotoFiles) and are served behind a login, never
 * to anyone else.
 * The roster keeps the same-origin path `/api/photos/<file>` (see server/domain/entities/custody.ts).
 */

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_URL_PREFIX = "/api/photos/";
const FILE_NAME = /^[a-z0-9_-]{1,64}\.(jpg|jpeg|png|webp)$/i;
const VIEWERS: readonly Role[] = ["admin", "teacher", "guard", "leader"];
const KINDS = ["child", "guardian"] as const;
type PhotoKind = (typeof KINDS)[number];

const TYPES = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
} as const;
const EXT_OF: Record<string, PhotoExtension> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};

/** The image type the bytes say they are (magic numbers), if any of the three we accept. */
export function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "image/png";
  if (
    bytes.length >= 12 &&
    bytes.toString("latin1", 0, 4) === "RIFF" &&
    bytes.toString("latin1", 8, 12) === "WEBP"
  ) {
    return "image/webp";
  }
  return undefined;
}

function isKind(value: unknown): value is PhotoKind {
  return typeof value === "string" && (KINDS as readonly string[]).includes(value);
}

/** The file-name stem for a roster id: only [a-z0-9_-], so the name always passes FILE_NAME. */
function safeStem(kind: PhotoKind, id: string): string {
  return `${kind}-${id.toLowerCase().replace(/[^a-z0-9_-]/g, "_")}`.slice(0, 64);
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
    const declared = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase();
    const ext = declared ? EXT_OF[declared] : undefined;
    const body: unknown = req.body;
    if (!ext || !Buffer.isBuffer(body) || body.length === 0 || sniffImageType(body) !== declared) {
      sendError(res, "VALIDATION_FAILED", "send a JPEG, PNG or WebP image whose content type matches");
      return;
    }
    const file = await found.photos.savePhoto(safeStem(found.kind, found.id), ext, body);
    const photo = PHOTO_URL_PREFIX + file;
    await setPhoto(found.kind, found.id, photo);
    res.json({ data: { photo } });
  });

  router.delete("/api/admin/photos/:kind/:id", admin, async (req, res) => {
    const found = target(req.params.kind, req.params.id, res);
    if (!found) return;
    await found.photos.removePhotos(safeStem(found.kind, found.id));
    await setPhoto(found.kind, found.id, undefined);
    res.json({ data: null });
  });

  return router;
}
