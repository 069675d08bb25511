import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createLogger } from "../../common/log";
import { WanfengError } from "../../protocol";
import { PRIVATE_FILE_MODE } from "./private-files";
import type { DocumentStore } from "./schema";

const log = createLogger("store");
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const PASS_KEY_FILE = "pass.key";

/** Where the HMAC key of pass tokens is kept; the document store falls back to its own field. */
export interface PassKeySource {
  current(): string | undefined;
  /** The key, made with `newKey` and stored first if there is none yet. */
  ensure(newKey: () => string): Promise<string>;
}

/**
 * The pass key in its own 0600 file, `<dataDir>/pass.key`: whoever reads it can mint valid passes,
 * so it is kept out of the document (which backups, exports and hand edits pass around). A key
 * still in the document (older installs) is moved here when the store opens.
 */
export async function openPassKeyFile(dataDir: string, store: DocumentStore): Promise<PassKeySource> {
  const path = join(dataDir, PASS_KEY_FILE);
  let key = await readKey(path);
  const inDocument = store.read().passKey;
  if (key === undefined && inDocument !== undefined) key = await create(path, inDocument);
  if (inDocument !== undefined) {
    await store.update((db) => {
      delete db.passKey;
    });
    log.info({ path }, "moved the pass key out of the document into its own file");
  }
  return {
    current: () => key,
    async ensure(newKey) {
      key ??= await create(path, newKey());
      return key;
    },
  };
}

async function readKey(path: string): Promise<string | undefined> {
  const text = await readFile(path, "utf-8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw err;
  });
  if (text === undefined) return undefined;
  const key = text.trim();
  if (!KEY_PATTERN.test(key)) throw new WanfengError("STORE_CORRUPT", `${path} does not hold a pass key`);
  return key;
}

/** Writes the key unless another process made one first; then that one is the key. */
async function create(path: string, key: string): Promise<string> {
  try {
    await writeFile(path, `${key}\n`, { encoding: "utf-8", mode: PRIVATE_FILE_MODE, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const existing = await readKey(path);
    if (existing === undefined) throw err;
    return existing;
  }
}
