import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { newPseudonymiser } from "../../server/privacy/pseudonymise";
import { planPurge, runAndRememberPurge } from "../../server/privacy/purge";
import { PurgeSchedule } from "../../server/privacy/purge-schedule";
import { readChanges } from "../../server/store/change-record";
import { useTempDirs } from "../store/temp-dir";
import { purgeSchoolFolder } from "./purge-school";

const tempDir = useTempDirs();

/** Shanghai is UTC+8: 02:00 there on 2 June 2025 is 18:00 UTC on 1 June. */
const AT = {
  justBefore: "2025-06-01T17:59:00Z",
  night: "2025-06-01T18:05:00Z",
  noon: "2025-06-02T04:00:00Z",
  nextNight: "2025-06-02T18:10:00Z",
};

async function scheduled() {
  const folder = await purgeSchoolFolder(await tempDir());
  let now = new Date(AT.justBefore);
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const schedule = new PurgeSchedule({
    purge: folder.deps,
    store: folder.storage,
    clock: () => now,
    log: pino({ level: "info" }, sink),
  });
  const setTime = (iso: string) => {
    now = new Date(iso);
  };
  return { ...folder, schedule, setTime, lines };
}

describe("the nightly purge", () => {
  it("waits for 02:00 on the school's clock, runs once, remembers the day and logs what it removed", async () => {
    const { dir, storage, schedule, setTime, lines } = await scheduled();
    expect(await schedule.check()).toBe("not_yet");
    expect(storage.schoolRoster().settings.lastPurge).toBeUndefined();
    expect(storage.schoolRoster().children.find((c) => c.id === "20250101")?.photo).toBeDefined();

    setTime(AT.night);
    expect(await schedule.check()).toBe("ran");
    expect(storage.schoolRoster().children.find((c) => c.id === "20250101")?.photo).toBeUndefined();
    const last = storage.schoolRoster().settings.lastPurge;
    expect(last).toMatchObject({ day: "2025-06-02", at: new Date(AT.night).toISOString() });

    const changes = await readChanges(`${dir}/changes`);
    const purge = changes.find((c) => c.purge);
    expect(purge).toMatchObject({ id: last?.changeId, by: "system", action: "scheduled purge" });
    // The day's run is a settings change of the schedule too.
    expect(changes.at(-1)).toMatchObject({ by: "system", action: "scheduled purge", kinds: ["settings"] });

    const logged = lines.find((l) => l.changeId === purge?.id);
    expect(logged).toMatchObject({
      day: "2025-06-02",
      children: ["20250101"],
      guardians: ["gd1"],
      journalDays: ["2021-03-04"],
    });
    // Ids only: the log keeps no name the purge removed.
    expect(JSON.stringify(lines)).not.toContain("张");

    setTime(AT.noon);
    expect(await schedule.check()).toBe("done_today");
    expect((await readChanges(`${dir}/changes`)).length).toBe(changes.length);
  });

  it("runs again the next night, also when nothing is due, and remembers that run", async () => {
    const { storage, schedule, setTime, lines } = await scheduled();
    setTime(AT.night);
    expect(await schedule.check()).toBe("ran");
    setTime(AT.nextNight);
    expect(await schedule.check()).toBe("ran");
    const last = storage.schoolRoster().settings.lastPurge;
    expect(last?.day).toBe("2025-06-03");
    expect(last?.changeId).toBeUndefined();
    expect(lines.at(-1)).toMatchObject({ day: "2025-06-03", changeId: null, children: [], journalDays: [] });
  });

  it("a failed run is logged, not remembered, and tried again at the next check", async () => {
    const { deps, storage, schedule, setTime, lines } = await scheduled();
    const daysBefore = deps.journal.daysBefore;
    let failures = 1;
    deps.journal.daysBefore = async (cutoff) => {
      if (failures-- > 0) throw new Error("disk unplugged");
      return daysBefore(cutoff);
    };
    setTime(AT.night);
    expect(await schedule.check()).toBe("failed");
    expect(storage.schoolRoster().settings.lastPurge).toBeUndefined();
    expect(lines.at(-1)).toMatchObject({ level: 50, day: "2025-06-02", err: { message: "disk unplugged" } });

    expect(await schedule.check()).toBe("ran");
    expect(storage.schoolRoster().settings.lastPurge?.day).toBe("2025-06-02");
  });

  it("a check while a purge is running does not start a second one", async () => {
    const { schedule, setTime } = await scheduled();
    setTime(AT.night);
    const [first, second] = await Promise.all([schedule.check(), schedule.check()]);
    expect([first, second]).toEqual(["ran", "busy"]);
  });

  it("`wanfeng purge` by hand that day counts as the day's run", async () => {
    const { deps, storage, schedule, setTime } = await scheduled();
    setTime(AT.night);
    const plan = await planPurge(deps, "2025-06-02");
    await runAndRememberPurge(deps, storage, plan, newPseudonymiser(), () => new Date(AT.night));
    expect(await schedule.check()).toBe("done_today");
  });
});
