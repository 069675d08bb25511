import { open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { createLogger } from "../../common/log";
import { offlineCacheSignatureOk } from "../../common/offline-cache-key";
import type { Reading } from "../../protocol/devices";
import {
  type OfflineAnswer,
  type OfflineCache,
  SignedOfflineCacheSchema,
} from "../../protocol/offline-cache";

const log = createLogger("gate-agent/offline");

export const CACHE_FILE = "offline-cache.json";
/** A cache older than this answers nothing: the agent only queues (default of `--cache-max-age`). */
export const DEFAULT_CACHE_MAX_AGE_MS = 4 * 3600_000;

/**
 * The gate's answers while the server is unreachable, from the signed cache the server sent last
 * (kept on disk so a restart during an outage still has it). A cache that fails its signature is
 * ignored and logged; a stale one answers nothing. Every tap still goes to the server, which
 * decides for real.
 */
export class OfflineAnswers {
  private cache: OfflineCache | undefined;

  private constructor(
    private readonly dir: string | undefined,
    private readonly key: Buffer,
    private readonly maxAgeMs: number,
  ) {}

  static async open(dir: string | undefined, key: Buffer, maxAgeMs = DEFAULT_CACHE_MAX_AGE_MS) {
    const answers = new OfflineAnswers(dir, key, maxAgeMs);
    if (dir === undefined) return answers;
    try {
      answers.accept(JSON.parse(await readFile(join(dir, CACHE_FILE), "utf8")), false);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT")
        log.warn({ err }, "offline cache unreadable, ignored");
    }
    return answers;
  }

  /** A cache from the server; returns false when it is refused (bad shape or signature). */
  async received(signed: unknown): Promise<boolean> {
    if (!this.accept(signed, true)) return false;
    if (this.dir === undefined) return true;
    try {
      const path = join(this.dir, CACHE_FILE);
      const handle = await open(`${path}.tmp`, "w");
      try {
        await handle.write(JSON.stringify(signed));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(`${path}.tmp`, path);
    } catch (err) {
      log.warn({ err }, "offline cache not saved (kept in memory)");
    }
    return true;
  }

  get maxAge(): number {
    return this.maxAgeMs;
  }

  issuedAt(): string | undefined {
    return this.cache?.issuedAt;
  }

  isFresh(nowMs: number): boolean {
    if (!this.cache) return false;
    const age = nowMs - Date.parse(this.cache.issuedAt);
    return age >= 0 && age <= this.maxAgeMs;
  }

  /** Accept or refuse from the cache; undefined when it cannot say (stale, a code, a child's card). */
  answer(reading: Reading, nowMs: number): OfflineAnswer | undefined {
    if (!this.cache || !this.isFresh(nowMs) || reading.kind !== "card") return undefined;
    const card = this.cache.cards.find((c) => c.cardId === reading.cardId);
    if (!card?.active) return "refuse";
    if (card.holder === "guardian") return card.children > 0 ? "accept" : "refuse";
    if (card.holder === "staff") return "accept";
    return undefined;
  }

  private accept(signed: unknown, fromServer: boolean): boolean {
    const parsed = SignedOfflineCacheSchema.safeParse(signed);
    // Verified over the cache exactly as it came (parsing may reorder keys).
    const raw = typeof signed === "object" && signed !== null && "cache" in signed ? signed.cache : undefined;
    const ok =
      parsed.success && offlineCacheSignatureOk(JSON.stringify(raw), parsed.data.signature, this.key);
    if (!ok || !parsed.success) {
      log.error({ fromServer }, "offline cache refused: not signed for this device");
      return false;
    }
    this.cache = parsed.data.cache;
    log.info(
      { issuedAt: this.cache.issuedAt, cards: this.cache.cards.length, fromServer },
      "offline cache loaded",
    );
    return true;
  }
}
