import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { newPseudonymiser } from "../../server/privacy/pseudonymise";
import { describePlan, planPurge, runPurge } from "../../server/privacy/purge";
import { journalCutoff } from "../../server/privacy/retention-plan";
import { runAs } from "../../server/store/change-actor";
import { readChanges } from "../../server/store/change-record";
import { auditJournal, purgeIndex } from "../../server/store/journal-audit";
import { useTempDirs } from "../store/temp-dir";
import { purgeSchoolFolder, TODAY } from "./purge-school";

const tempDir = useTempDirs();

async function dataFolder() {
  return purgeSchoolFolder(await tempDir());
}

describe("retention purge", () => {
  it("the dry run lists the withdrawn child's photo and contacts past N days, and old journal days", async () => {
    const { deps } = await dataFolder();
    const plan = await planPurge(deps, TODAY);
    expect(plan.journalCutoff).toBe("2022-06-02");
    expect(plan.children).toEqual([
      { childId: "20250101", name: "张小明", withdrawnFrom: "2025-01-10", removes: ["photo", "health"] },
    ]);
    // 王芳 also collects 张小红, still in care: her phone stays.
    expect(plan.guardians).toEqual([{ guardianId: "gd1", name: "张丽", removes: ["phone", "photo"] }]);
    expect(plan.journalDays).toEqual([{ day: "2021-03-04", entries: 2 }]);
    expect(describePlan(plan)).toEqual([
      "retention: photos and contact data 90 days after withdrawal; journals 3 years (names before 2022-06-02 become pseudonyms)",
      "child 20250101 张小明 (withdrawn from 2025-01-10): photo, health",
      "guardian gd1 张丽: phone, photo",
      "journal 2021-03-04: names in 2 entries → pseudonyms",
    ]);
  });

  it("the purge removes them, pseudonymises old days, records itself, and every chain still verifies", async () => {
    const { dir, storage, deps, oldHead } = await dataFolder();
    const entry = await runAs({ by: "cli:office", action: "wanfeng purge" }, async () =>
      runPurge(deps, await planPurge(deps, TODAY), newPseudonymiser()),
    );
    const roster = storage.schoolRoster();
    expect(roster.children.find((c) => c.id === "20250101")).toEqual({
      id: "20250101",
      name: "张小明",
      grade: 1,
      className: "1班",
      groupId: "g1",
    });
    expect(roster.guardians.find((g) => g.id === "gd1")).toEqual({ id: "gd1", name: "张丽", phone: "" });
    expect(roster.guardians.find((g) => g.id === "gd2")?.phone).toBe("13900002222");
    expect(await deps.photos.readPhoto("child-20250101.jpg")).toBeUndefined();
    expect(await deps.photos.readPhoto("guardian-gd1.jpg")).toBeUndefined();
    expect(await deps.photos.readPhoto("child-20250103.jpg")).toBeDefined();

    const old = await readFile(join(dir, "journal", "2021-03-04.jsonl"), "utf-8");
    expect(old).not.toContain("张小明");
    expect(old).not.toContain("张丽");
    expect(old).toMatch(/"childName":"化名-[0-9a-f]{8}"/);
    expect(await readFile(join(dir, "journal", "2025-03-04.jsonl"), "utf-8")).toContain("张小明");

    const purges = (await readChanges(join(dir, "changes"))).filter((c) => c.purge);
    expect(purges.map((c) => [c.id, c.by, c.purge])).toEqual([
      [entry?.id, "cli:office", { journalDays: ["2021-03-04"], children: ["20250101"], photoFiles: 2 }],
    ]);
    const audits = await auditJournal(
      join(dir, "journal"),
      undefined,
      await purgeIndex(join(dir, "changes")),
    );
    expect(audits.map((a) => [a.day, a.broken])).toEqual([
      ["2021-03-04", undefined],
      ["2025-03-04", undefined],
    ]);
    // The head printed at the sign-off still holds.
    expect(audits[0]?.head).toBe(oldHead);
    // Done once: nothing is due any more.
    expect(describePlan(await planPurge(deps, TODAY))).toContain("nothing is due");
  });

  it("the custody list's photos go with the list; a guardian's photo it points at stays", async () => {
    const { storage, deps } = await dataFolder();
    await storage.saveNotAuthorised("20250101", {
      id: "na-1",
      name: "张某",
      relation: "",
      note: "",
      photo: "/api/photos/barred-20250101-na-1.png",
    });
    await storage.saveNotAuthorised("20250101", {
      id: "na-2",
      name: "王芳",
      relation: "",
      note: "",
      guardianId: "gd2",
      photo: "/api/photos/guardian-gd2.jpg",
    });
    await deps.photos.savePhoto("barred-20250101-na-1", "png", Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await deps.photos.savePhoto("guardian-gd2", "jpg", Buffer.from([0xff, 0xd8, 0xff, 1]));
    const plan = await planPurge(deps, TODAY);
    expect(plan.children[0]).toMatchObject({
      removes: ["photo", "health", "custody_list"],
      custodyPhotoStems: ["barred-20250101-na-1"],
    });
    await runPurge(deps, plan, newPseudonymiser());
    expect(await deps.photos.readPhoto("barred-20250101-na-1.png")).toBeUndefined();
    expect(await deps.photos.readPhoto("guardian-gd2.jpg")).toBeDefined();
  });

  it("a line marked pseudonymised without a recorded purge is a break", async () => {
    const { dir, deps } = await dataFolder();
    await runPurge(deps, await planPurge(deps, TODAY), newPseudonymiser());
    const file = join(dir, "journal", "2021-03-04.jsonl");
    const lines = (await readFile(file, "utf-8")).split("\n");
    const forged = JSON.parse(lines[1] ?? "");
    forged.chain.pseudonymised = "made-up";
    await writeFile(file, [lines[0], JSON.stringify(forged), ...lines.slice(2)].join("\n"));
    const [audit] = await auditJournal(
      join(dir, "journal"),
      "2021-03-04",
      await purgeIndex(join(dir, "changes")),
    );
    expect(audit?.broken).toEqual({ line: 2, eventId: "old2", reason: "pseudonym_unrecorded" });
  });

  it("`wanfeng purge --dry-run` prints the listing and changes nothing", async () => {
    const { dir } = await dataFolder();
    const before = await readFile(join(dir, "wanfeng.json"), "utf-8");
    const bin = resolve(import.meta.dirname, "../../bin/wanfeng.js");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "purge", "--dry-run", "-d", dir]);
    // The real clock: the child withdrawn in January 2025 is long due, and 2021 is past any cut-off.
    expect(stdout).toContain("child 20250101 张小明 (withdrawn from 2025-01-10): photo, health");
    expect(stdout).toContain("journal 2021-03-04: names in 2 entries → pseudonyms");
    expect(stdout).toContain("dry run: nothing was changed");
    expect(await readFile(join(dir, "wanfeng.json"), "utf-8")).toBe(before);
    expect(await readFile(join(dir, "journal", "2021-03-04.jsonl"), "utf-8")).toContain("张小明");
  }, 60_000);

  it("the journal cut-off counts years as a person does", () => {
    expect(journalCutoff("2025-06-02", 3)).toBe("2022-06-02");
    expect(journalCutoff("2024-02-29", 1)).toBe("2023-03-01");
  });
});
