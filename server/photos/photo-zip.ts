import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { WanfengError } from "../../protocol";
import { PHOTO_MAX_BYTES, sniffImageType } from "./photo-names";

/**
 * Reading a zip of photos with yauzl. Everything is bounded by the zip's own directory before a
 * byte is inflated: the number of entries, each file's and the total declared size. yauzl then
 * refuses an entry whose data inflates beyond its declared size (validateEntrySizes), so a
 * directory that lies is caught too.
 */

export const PHOTO_ZIP_LIMITS = {
  /** The upload itself. */
  zipBytes: 64 * 1024 * 1024,
  entries: 2_000,
  fileBytes: PHOTO_MAX_BYTES,
  /** All files together, inflated. */
  totalBytes: 256 * 1024 * 1024,
};
export type PhotoZipLimits = typeof PHOTO_ZIP_LIMITS;

export interface ZipPhoto {
  /** The path inside the zip. */
  file: string;
  /** The file name without folders and extension: a student number or a phone. */
  stem: string;
  /** The image type by magic bytes, or why the file cannot be a photo. */
  type?: string;
  problem?: "not_image" | "too_large" | "unreadable";
}

/** Folders, macOS's resource forks and hidden files are no one's photo. */
function isPhotoEntry(name: string): boolean {
  if (name.endsWith("/")) return false;
  const base = name.split("/").pop() ?? "";
  return !name.startsWith("__MACOSX/") && !base.startsWith(".");
}

export function stemOf(file: string): string {
  const base = file.split("/").pop() ?? file;
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? base.slice(0, dot) : base).trim();
}

function refuse(reason: string, message: string): never {
  throw new WanfengError("VALIDATION_FAILED", message, { reason });
}

async function openZip(zip: Buffer, limits: PhotoZipLimits): Promise<{ zipfile: ZipFile; entries: Entry[] }> {
  if (zip.length > limits.zipBytes) refuse("zip_too_large", `zip over ${limits.zipBytes} bytes`);
  const zipfile = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      zip,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (err, z) => (err ? reject(err) : resolve(z)),
    ),
  ).catch(() => refuse("not_zip", "not a zip archive"));
  if (zipfile.entryCount > limits.entries) {
    zipfile.close();
    refuse("too_many_files", `${zipfile.entryCount} entries, at most ${limits.entries}`);
  }
  const entries: Entry[] = [];
  let total = 0;
  try {
    for await (const entry of zipfile.eachEntry()) {
      if (!isPhotoEntry(entry.fileName)) continue;
      // Only files small enough to be stored count towards the total: the others are never inflated.
      if (entry.uncompressedSize <= limits.fileBytes) total += entry.uncompressedSize;
      entries.push(entry);
    }
  } catch {
    zipfile.close();
    refuse("not_zip", "damaged zip directory");
  }
  if (total > limits.totalBytes) {
    zipfile.close();
    refuse("zip_too_large", `${total} bytes once unpacked, at most ${limits.totalBytes}`);
  }
  return { zipfile, entries };
}

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      throw new Error("entry larger than its declared size");
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Every file of the zip with its type by magic bytes; with `each`, also hands over the bytes of
 * every file that is an image (one at a time, so at most one photo is in memory).
 */
export async function readPhotoZip(
  zip: Buffer,
  each?: (photo: ZipPhoto, bytes: Buffer) => Promise<void>,
  limits: PhotoZipLimits = PHOTO_ZIP_LIMITS,
): Promise<ZipPhoto[]> {
  const { zipfile, entries } = await openZip(zip, limits);
  const photos: ZipPhoto[] = [];
  try {
    for (const entry of entries) {
      const photo: ZipPhoto = { file: entry.fileName, stem: stemOf(entry.fileName) };
      photos.push(photo);
      if (entry.uncompressedSize > limits.fileBytes) {
        photo.problem = "too_large";
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await readAll(await zipfile.openReadStreamPromise(entry), limits.fileBytes);
      } catch {
        photo.problem = "unreadable";
        continue;
      }
      const type = sniffImageType(bytes);
      if (type === undefined) photo.problem = "not_image";
      else photo.type = type;
      if (type && each) await each(photo, bytes);
    }
  } finally {
    zipfile.close();
  }
  return photos;
}
