/** The image types a photo may have, by file extension. */
export type PhotoExtension = "jpg" | "png" | "webp";

/**
 * Children's and guardians' photo files, named `<stem>.<ext>` (one photo per stem). The roster
 * keeps only the path that serves them (RosterWriter.setPhoto).
 */
export interface PhotoFiles {
  /** The bytes of a stored file, or undefined when there is none. `file` is a checked name. */
  readPhoto(file: string): Promise<Buffer | undefined>;
  /** Stores the photo and removes the stem's files of other types; returns the file name. */
  savePhoto(stem: string, ext: PhotoExtension, bytes: Buffer): Promise<string>;
  /** Removes every file of the stem; none is fine. */
  removePhotos(stem: string): Promise<void>;
}
