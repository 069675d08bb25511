import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PhotoExtension, PhotoFiles } from "../ports/photos";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./private-files";

const EXTENSIONS: readonly PhotoExtension[] = ["jpg", "png", "webp"];

/** Photo files in one folder (`<dataDir>/photos`), on the LAN server only. */
export function photoFolder(dir: string): PhotoFiles {
  const removeOthers = async (stem: string, keep?: string) => {
    for (const ext of EXTENSIONS) {
      const name = `${stem}.${ext}`;
      if (name !== keep) await rm(join(dir, name), { force: true });
    }
  };
  return {
    readPhoto: (file) => readFile(join(dir, file)).catch(() => undefined),
    async savePhoto(stem, ext, bytes) {
      const file = `${stem}.${ext}`;
      await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      await writeFile(join(dir, file), bytes, { mode: PRIVATE_FILE_MODE });
      await removeOthers(stem, file);
      return file;
    },
    removePhotos: (stem) => removeOthers(stem),
  };
}
