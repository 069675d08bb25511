import type { PhotoImportMatch, PhotoImportMiss, PhotoImportPreview } from "../../protocol";
import type { SchoolRoster } from "../domain/entities";
import type { ZipPhoto } from "./photo-zip";

/**
 * Who each file of a photo zip is for (pure): a name that is a student number is that child's, a
 * name that is a guardian's phone (digits only: "139 0000-1111" too) that guardian's. Everything
 * else is a miss with its reason, never a guess.
 */

const digits = (text: string) => text.replace(/[\s\-()+]/g, "");

export function matchPhotos(photos: readonly ZipPhoto[], roster: SchoolRoster): PhotoImportPreview {
  const children = new Map(roster.children.map((c) => [c.id, c]));
  const byPhone = new Map<string, SchoolRoster["guardians"][number][]>();
  for (const guardian of roster.guardians) {
    const phone = digits(guardian.phone);
    if (phone === "") continue;
    byPhone.set(phone, [...(byPhone.get(phone) ?? []), guardian]);
  }
  const matches: PhotoImportMatch[] = [];
  const misses: PhotoImportMiss[] = [];
  const taken = new Set<string>();
  for (const photo of photos) {
    if (photo.problem) {
      misses.push({ file: photo.file, reason: photo.problem });
      continue;
    }
    const child = children.get(photo.stem);
    const guardians = byPhone.get(digits(photo.stem)) ?? [];
    const guardian = guardians[0];
    if ((child && guardian) || guardians.length > 1) {
      misses.push({ file: photo.file, reason: "ambiguous" });
      continue;
    }
    const match: PhotoImportMatch | undefined = child
      ? {
          file: photo.file,
          kind: "child",
          id: child.id,
          name: child.name,
          replaces: child.photo !== undefined,
        }
      : guardian
        ? {
            file: photo.file,
            kind: "guardian",
            id: guardian.id,
            name: guardian.name,
            replaces: guardian.photo !== undefined,
          }
        : undefined;
    if (!match) {
      misses.push({ file: photo.file, reason: "no_match" });
      continue;
    }
    const key = `${match.kind}:${match.id}`;
    if (taken.has(key)) {
      misses.push({ file: photo.file, reason: "duplicate" });
      continue;
    }
    taken.add(key);
    matches.push(match);
  }
  return { matches, misses };
}
