import { createHash } from "node:crypto";
import type { PhotoExtension } from "../ports/photos";

/**
 * What every way of storing a photo agrees on (the one-photo upload, the bulk import, the purge):
 * which bytes are an image, the file name a person's photo gets, and the path the roster keeps.
 */

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_URL_PREFIX = "/api/photos/";
export const NOT_AN_IMAGE = "send a JPEG, PNG or WebP image whose content type matches";
export type PhotoKind = "child" | "guardian";

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

/**
 * The extension to store an uploaded body under, or undefined when it is not an accepted image:
 * empty, not one of the three types, or bytes that are not what the declared type says.
 */
export function uploadedImageExtension(
  contentType: string | undefined,
  body: unknown,
): PhotoExtension | undefined {
  const declared = contentType?.split(";")[0]?.trim().toLowerCase();
  const ext = extensionOf(declared);
  if (!ext || !Buffer.isBuffer(body) || body.length === 0 || sniffImageType(body) !== declared)
    return undefined;
  return ext;
}

/** The stored file's extension for an accepted image type. */
export function extensionOf(type: string | undefined): PhotoExtension | undefined {
  return type ? EXT_OF[type] : undefined;
}

/** The file-name stem for a roster id: only [a-z0-9_-], so the name is always a valid photo file. */
export function photoStem(kind: PhotoKind, id: string): string {
  return `${kind}-${id.toLowerCase().replace(/[^a-z0-9_-]/g, "_")}`.slice(0, 64);
}

/**
 * The file-name stem for the photo of an adult on a child's not-authorised list (不得接走). A child
 * has several such adults: ids that would not survive in a file name as they are (too long, other
 * characters) are hashed, never cut or replaced, so two entries cannot share a file.
 */
export function notAuthorisedPhotoStem(childId: string, entryId: string): string {
  const readable = `barred-${childId}-${entryId}`;
  if (readable.length <= 64 && /^[a-z0-9_-]+$/.test(readable)) return readable;
  return `barred-${createHash("sha256").update(`${childId}\n${entryId}`).digest("hex").slice(0, 40)}`;
}
