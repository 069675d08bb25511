import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STAFF_CARD } from "../../demo/demo-admin";
import {
  buildDemoSchool,
  type DemoSchool,
  formatDemoBanner,
  readDemoLogins,
  writeDemoLogins,
} from "../../demo/demo-school";
import { authenticateDevice } from "../../server/auth/devices";
import { authenticateUser } from "../../server/auth/users";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { DbSchema } from "../../server/store/schema";

let demo: DemoSchool;
let dataDir: string;

beforeAll(async () => {
  demo = await buildDemoSchool({ now: new Date("2025-03-04T08:00:00+08:00") });
  dataDir = await mkdtemp(join(tmpdir(), "wanfeng-demo-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("demo school", () => {
  it("validates and is labelled as a demo", () => {
    expect(DbSchema.parse(demo.db)).toEqual(demo.db);
    expect(demo.db.settings).toMatchObject({ demo: true, schoolName: "晚风示范小学 (Demo)" });
  });

  it("has at least 40 children in two groups within capacity, each with a card and a guardian", () => {
    const { children, groups, cards, guardianships } = demo.db;
    expect(children.length).toBeGreaterThanOrEqual(40);
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      const members = children.filter((c) => c.groupId === group.id);
      expect(members.length).toBeGreaterThan(0);
      expect(members.length).toBeLessThanOrEqual(group.capacity);
    }
    expect(new Set(children.map((c) => c.id)).size).toBe(children.length);
    expect(new Set(children.map((c) => c.name)).size).toBe(children.length);
    for (const child of children) {
      expect(cards.some((c) => c.holder.kind === "child" && c.holder.id === child.id)).toBe(true);
      expect(guardianships.some((g) => g.childId === child.id)).toBe(true);
    }
    expect(new Set(children.filter((c) => c.groupId === "group-1").map((c) => c.grade))).toEqual(
      new Set([1, 2]),
    );
    expect(new Set(children.filter((c) => c.groupId === "group-2").map((c) => c.grade))).toEqual(
      new Set([3, 4]),
    );
  });

  it("gives every guardian an active card and keeps card ids unique, with one lost card", () => {
    const { guardians, cards } = demo.db;
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    for (const guardian of guardians) {
      const own = cards.filter((c) => c.holder.kind === "guardian" && c.holder.id === guardian.id);
      expect(own.some((c) => c.status === "active")).toBe(true);
    }
    expect(cards.filter((c) => c.status === "lost")).toHaveLength(1);
    expect(cards.every((c) => /^\d{10}$/.test(c.id))).toBe(true);
    const relations = new Set(demo.db.guardianships.map((g) => g.relation));
    expect([...relations].sort()).toEqual(["外婆", "奶奶", "妈妈", "爷爷", "爸爸"].sort());
  });

  it("has a guardian with children in two different groups", () => {
    const { guardians, guardianships, children } = demo.db;
    const groupsOf = (guardianId: string) =>
      new Set(
        guardianships
          .filter((g) => g.guardianId === guardianId)
          .map((g) => children.find((c) => c.id === g.childId)?.groupId),
      );
    expect(guardians.some((g) => groupsOf(g.id).size === 2)).toBe(true);
  });

  it("has logins for every role that verify, and device tokens that authenticate", async () => {
    const store = createMemoryStore(demo.db);
    expect(demo.logins.map((l) => l.username)).toEqual([
      "admin",
      "teacher1",
      "teacher2",
      "guard",
      "tech",
      "leader",
    ]);
    for (const login of demo.logins) {
      expect(login.password.length).toBeGreaterThanOrEqual(10);
      const user = await authenticateUser(store, login.username, login.password);
      expect(user?.role).toBe(login.role);
    }
    expect(demo.db.users.find((u) => u.username === "teacher2")?.groupIds).toEqual(["group-2"]);
    expect(demo.devices.map((d) => [d.kind, d.groupId])).toEqual([
      ["gate", undefined],
      ["room", "group-1"],
      ["room", "group-2"],
    ]);
    for (const device of demo.devices)
      expect(authenticateDevice(store, device.token)?.name).toBe(device.name);
  });

  it("makes the same people every time, and passwords from the given random source", async () => {
    let n = 0;
    const fixed = await buildDemoSchool({ random: () => (n++ % 31) / 31 });
    expect(fixed.db.children).toEqual(demo.db.children);
    // The staff card (考勤) belongs to a login, whose id is new in every installation.
    const peopleCards = (cards: typeof demo.db.cards) => cards.filter((c) => c.holder.kind !== "staff");
    expect(peopleCards(fixed.db.cards)).toEqual(peopleCards(demo.db.cards));
    expect(fixed.db.cards.find((c) => c.holder.kind === "staff")?.id).toBe(DEMO_STAFF_CARD);
    expect(fixed.logins[0]?.password).toBe("abcd-efgh-jkmn");
  });

  it("writes the logins file with mode 0600, reads it back, and prints a DEMO banner", async () => {
    const file = await writeDemoLogins(dataDir, demo);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const back = await readDemoLogins(dataDir);
    expect(back?.logins).toEqual(demo.logins);
    expect(back?.devices).toEqual(demo.devices);
    expect(await readDemoLogins(join(dataDir, "missing"))).toBeUndefined();

    const banner = formatDemoBanner(demo);
    expect(banner).toContain("DEMO");
    for (const login of demo.logins) expect(banner).toContain(login.password);
    const gate = demo.devices.find((d) => d.kind === "gate");
    expect(banner).toContain(gate?.token);
  });
});
