import type { PhotoImportPreview, PhotoImportResult } from "../../protocol";
import type { PhotoFiles } from "../ports/photos";
import type { RosterReader, RosterWriter } from "../ports/roster";
import { matchPhotos } from "./photo-match";
import { extensionOf, PHOTO_URL_PREFIX, photoStem } from "./photo-names";
import { PHOTO_ZIP_LIMITS, type PhotoZipLimits, readPhotoZip } from "./photo-zip";

/**
 * The bulk photo import: preview (who gets which photo, and the misses), then apply. Stateless
 * like the roster import: the screen sends the zip again to apply it, and it is matched again
 * against the roster as it is then.
 */
export async function previewPhotoZip(
  roster: RosterReader,
  zip: Buffer,
  limits: PhotoZipLimits = PHOTO_ZIP_LIMITS,
): Promise<PhotoImportPreview> {
  return matchPhotos(await readPhotoZip(zip, undefined, limits), roster.schoolRoster());
}

export async function importPhotoZip(
  roster: RosterReader & RosterWriter,
  photos: PhotoFiles,
  zip: Buffer,
  limits: PhotoZipLimits = PHOTO_ZIP_LIMITS,
): Promise<PhotoImportResult> {
  const preview = await previewPhotoZip(roster, zip, limits);
  const byFile = new Map(preview.matches.map((m) => [m.file, m]));
  let saved = 0;
  await readPhotoZip(
    zip,
    async (photo, bytes) => {
      const match = byFile.get(photo.file);
      const ext = extensionOf(photo.type);
      if (!match || !ext) return;
      const file = await photos.savePhoto(photoStem(match.kind, match.id), ext, bytes);
      await roster.setPhoto(match.kind, match.id, PHOTO_URL_PREFIX + file);
      saved += 1;
    },
    limits,
  );
  return { ...preview, saved };
}
