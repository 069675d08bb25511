/**
 * The bulk photo import (issue 10 item 3): a zip of files named by student number (a child) or
 * guardian phone, previewed before it is applied. Reasons are codes the screens translate.
 */

export type PhotoImportKind = "child" | "guardian";

export interface PhotoImportMatch {
  /** The file's name inside the zip. */
  file: string;
  kind: PhotoImportKind;
  id: string;
  name: string;
  /** The person has a photo already, which this one replaces. */
  replaces: boolean;
}

export const PHOTO_MISS_REASONS = [
  /** The name is neither a student number nor a guardian's phone. */
  "no_match",
  /** The name is a student number and a phone, or a phone several guardians share. */
  "ambiguous",
  /** Another file in the zip is for the same person. */
  "duplicate",
  /** Not a JPEG, PNG or WebP by its bytes, whatever its name says. */
  "not_image",
  /** Larger than one photo may be (2 MB). */
  "too_large",
  /** Damaged or encrypted inside the zip. */
  "unreadable",
] as const;
export type PhotoMissReason = (typeof PHOTO_MISS_REASONS)[number];

export interface PhotoImportMiss {
  file: string;
  reason: PhotoMissReason;
}

export interface PhotoImportPreview {
  matches: PhotoImportMatch[];
  misses: PhotoImportMiss[];
}

export interface PhotoImportResult extends PhotoImportPreview {
  /** Photos stored (the matches). */
  saved: number;
}
