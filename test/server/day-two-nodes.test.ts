import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DayService } from "../../server/day/day-service";
import { checkGateClock } from "../../server/day/gate-clock";
import { childDay } from "../../server/domain/day-state";
import type { Actor, DayEvent } from "../../server/domain/events";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { openPostgresJournal, type PostgresJournal } from "../../server/store/postgres/journal";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { openPool } from "../../server/store/postgres/pool";
import { addSchool } from "../../server/store/postgres/schools";
import { AFTERNOON, DAY, gate, report, room1, smallSchool } from "../domain/fixtures";
import { usePostgresDatabases } from "../support/postgres-database";

/**
 * Two DayServices on one school's PostgreSQL journal, each with its own pool, journal and roster
 * copy: two server nodes in one process. The roster comes from a memory store (the PostgreSQL
 * storage is a separate piece).
 */

const freshDatabase = usePostgresDatabases();
const teacher: Actor = { kind: "user", id: "u-teacher" };

interface Node {
  day: DayService;
  journal: PostgresJournal;
  pool: pg.Pool;
  /** Every event this node's listeners were told about, in order. */
  heard: DayEvent[];
}

const opened: Node[] = [];
afterEach(async () => {
  for (const node of opened.splice(0)) {
    node.day.close();
    await node.journal.close();
    await node.pool.end();
  }
});

async function twoNodes(
  clock: () => Date = () => AFTERNOON,
): Promise<[Node, Node, () => Promise<DayEvent[]>]> {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const setup = openPool(url, "test setup");
  const school = await addSchool(setup, { name: "晚风小学", timezone: "Asia/Shanghai" });
  await setup.end();
  const node = async (name: string): Promise<Node> => {
    const pool = openPool(url, name);
    const journal = await openPostgresJournal(pool, school.id);
    const day = await DayService.open({
      store: createMemoryStore(smallSchool()),
      journal,
      clock,
      newId: randomUUID,
    });
    await journal.listening();
    const heard: DayEvent[] = [];
    day.onEvents((events) => heard.push(...events));
    const made = { day, journal, pool, heard };
    opened.push(made);
    return made;
  };
  const a = await node("node a");
  const b = await node("node b");
  return [a, b, () => a.journal.readDay(DAY)];
}

const statusOn = (node: Node, childId: string) =>
  node.day.inspect((_r, state) => childDay(state, childId).status);

describe("two server nodes on one school-day", () => {
  it("a tap decided on A reaches B's listeners and B's state, once", async () => {
    const [a, b] = await twoNodes();
    const outcome = await a.day.handleTap(room1, report("0000000011"));
    expect(outcome.result.kind).not.toBe("not_applicable");
    await expect.poll(() => statusOn(b, "c1")).toBe("checked_in");
    expect(b.heard.map((e) => e.type)).toEqual(a.heard.map((e) => e.type));
    expect(b.heard.map((e) => e.id)).toEqual(a.heard.map((e) => e.id));
  });

  it("the same child released from both nodes at once: exactly one release", async () => {
    const [a, b, journal] = await twoNodes();
    await a.day.runChildCommand("checkIn", "c1", teacher);
    await a.day.handleTap(gate, report("0000000001"));
    await expect.poll(() => statusOn(b, "c1")).toBe("pickup_requested");

    const results = await Promise.allSettled([
      a.day.runChildCommand("release", "c1", teacher),
      b.day.runChildCommand("release", "c1", teacher),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && (refused.reason as { code?: string }).code).toBe(
      "PICKUP_WRONG_STATE",
    );
    const releases = (await journal()).filter((e) => e.type === "child:released");
    expect(releases).toHaveLength(1);
    await expect.poll(() => b.heard.filter((e) => e.type === "child:released").length).toBe(1);
    expect(a.heard.filter((e) => e.type === "child:released")).toHaveLength(1);
  });

  it("one tap sent to A and to B is applied once; the second answer is a duplicate", async () => {
    const [a, b, journal] = await twoNodes();
    const tap = report("0000000011");
    const answers = await Promise.all([a.day.handleTap(room1, tap), b.day.handleTap(room1, tap)]);
    expect(answers.map((x) => x.duplicate).sort()).toEqual([false, true]);
    expect(answers[0]?.result).toEqual(answers[1]?.result);
    // Later, after both caught up: still a duplicate.
    expect((await b.day.handleTap(room1, tap)).duplicate).toBe(true);
    const events = await journal();
    expect(events.filter((e) => e.type === "tap:received")).toHaveLength(1);
    expect(events.filter((e) => e.type === "child:checked_in")).toHaveLength(1);
  });

  it("a timer's event raised on both nodes is recorded once", async () => {
    let now = AFTERNOON;
    const [a, b, journal] = await twoNodes(() => now);
    await a.day.runChildCommand("checkIn", "c1", teacher);
    await a.day.handleTap(gate, report("0000000001"));
    await a.day.runChildCommand("release", "c1", teacher);
    await expect.poll(() => statusOn(b, "c1")).toBe("released");
    // Ten minutes later the released child is not collected; care has ended too (17:00).
    now = new Date(AFTERNOON.getTime() + 11 * 60_000);
    await Promise.all([checkGateClock(a.day), checkGateClock(b.day), checkGateClock(a.day)]);
    const events = await journal();
    expect(
      events.filter((e) => e.type === "alert:raised" && e.kind === "released_not_collected"),
    ).toHaveLength(1);
    expect(events.filter((e) => e.type === "child:markedLate")).toHaveLength(1);
    await expect.poll(() => b.heard.length).toBe(a.heard.length);
  });

  it("a node whose notice connection was cut catches up when it is back", async () => {
    const [a, b] = await twoNodes();
    const admin = new pg.Client({
      connectionString: (a.pool.options as { connectionString: string }).connectionString,
    });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'wanfeng journal listener'",
    );
    await admin.end();
    await a.day.runChildCommand("checkIn", "c3", teacher);
    await expect.poll(() => statusOn(b, "c3"), { timeout: 10_000 }).toBe("checked_in");
    expect(b.heard.map((e) => e.id)).toEqual(a.heard.map((e) => e.id));
  });
});
