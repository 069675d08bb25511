import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { offlineCacheKeyFromToken, signOfflineCache } from "../../common/offline-cache-key";
import { CACHE_FILE, OfflineAnswers } from "../../gate-agent/offline/offline-answers";
import type { OfflineCache } from "../../protocol/offline-cache";

const KEY = offlineCacheKeyFromToken("gate-token");
const ISSUED = Date.parse("2026-11-23T08:00:00.000Z");
const CACHE: OfflineCache = {
  deviceId: "device-1",
  day: "2026-11-23",
  issuedAt: new Date(ISSUED).toISOString(),
  cards: [
    { cardId: "0000000001", holder: "guardian", active: true, children: 2 },
    { cardId: "0000000002", holder: "guardian", active: true, children: 0 },
    { cardId: "0000000099", holder: "guardian", active: false, children: 1 },
    { cardId: "0000000011", holder: "child", active: true, children: 0 },
  ],
};
const signed = (cache: OfflineCache, key = KEY) => ({
  cache,
  signature: signOfflineCache(JSON.stringify(cache), key),
});
const card = (cardId: string) => ({ kind: "card" as const, cardId });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-cache-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the gate's offline answers", () => {
  it("answers from a fresh cache and keeps it across a restart", async () => {
    const answers = await OfflineAnswers.open(dir, KEY, 3_600_000);
    expect(await answers.received(signed(CACHE))).toBe(true);
    const at = ISSUED + 60_000;
    expect(answers.answer(card("0000000001"), at)).toBe("accept");
    expect(answers.answer(card("0000000002"), at)).toBe("refuse");
    expect(answers.answer(card("0000000099"), at)).toBe("refuse");
    expect(answers.answer(card("0000000077"), at)).toBe("refuse");
    expect(answers.answer(card("0000000011"), at)).toBeUndefined();
    expect(answers.answer({ kind: "code", text: "WF1.x" }, at)).toBeUndefined();

    const reopened = await OfflineAnswers.open(dir, KEY, 3_600_000);
    expect(reopened.issuedAt()).toBe(CACHE.issuedAt);
    expect(reopened.answer(card("0000000001"), at)).toBe("accept");
  });

  it("answers nothing once the cache is older than the configured age", async () => {
    const answers = await OfflineAnswers.open(dir, KEY, 3_600_000);
    await answers.received(signed(CACHE));
    expect(answers.answer(card("0000000001"), ISSUED + 3_600_001)).toBeUndefined();
    expect(answers.isFresh(ISSUED + 3_600_001)).toBe(false);
  });

  it("refuses a cache signed for another device, and one edited on disk", async () => {
    const answers = await OfflineAnswers.open(dir, KEY);
    expect(await answers.received(signed(CACHE, offlineCacheKeyFromToken("other-token")))).toBe(false);
    expect(answers.issuedAt()).toBeUndefined();

    await answers.received(signed(CACHE));
    const path = join(dir, CACHE_FILE);
    const onDisk = JSON.parse(await readFile(path, "utf8"));
    onDisk.cache.cards[1].children = 5;
    await writeFile(path, JSON.stringify(onDisk));
    const tampered = await OfflineAnswers.open(dir, KEY);
    expect(tampered.issuedAt()).toBeUndefined();
  });
});
