import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PendingAuthorityView, TapResult } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  cardTap,
  createTestSchool,
  type DeviceClient,
  login,
  removeSchool,
  SocketBag,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

const NEW_CARD = "0000000077";

describe("who may and may not collect, edited by the office (issue 10 item 1)", () => {
  let school: TestSchool;
  let server: RunningServer;
  let admin: string;
  let gate: DeviceClient;
  const bag = new SocketBag();

  async function api<T>(method: string, path: string, body?: unknown, cookie = admin) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { data: T; error?: { code: string } } };
  }
  const ok = async <T>(method: string, path: string, body?: unknown) => {
    const answer = await api<T>(method, path, body);
    expect(answer.body.error).toBeUndefined();
    return answer.body.data;
  };
  async function gateTap(cardId: string): Promise<TapResult> {
    return unwrap(await gate.emitWithAck("tap:report", cardTap(cardId))).result;
  }
  const outcomes = (result: TapResult) =>
    result.kind === "pickup" ? result.children.map((c) => [c.childId, c.outcome]) : result.kind;
  async function custodyEvents(): Promise<Record<string, unknown>[]> {
    const dir = join(school.dataDir, "journal");
    const lines: Record<string, unknown>[] = [];
    for (const file of (await readdir(dir)).filter((f) => f.endsWith(".jsonl"))) {
      for (const line of (await readFile(join(dir, file), "utf8")).split("\n")) {
        if (line.includes('"custody:changed"')) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
    }
    return lines;
  }

  beforeEach(async () => {
    const db = anyTimeSchool();
    // Every tap counts here: the test taps one card again right after a change.
    db.settings.debounceMs = 0;
    school = await createTestSchool(db);
    server = await startTestServer(school);
    admin = await login(server.url, "admin");
    gate = await bag.device(server, school.tokens.gate);
    const room = await bag.device(server, school.tokens.room1);
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011"))); // c1 checked in
  });
  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("only an administrator edits: teacher, guard and technician are refused and nothing changes", async () => {
    // Logins add sessions; nothing else may change.
    const roster = () => JSON.stringify({ ...school.store.read(), sessions: [] });
    const before = roster();
    for (const username of ["t1", "guard", "tech"]) {
      const cookie = await login(server.url, username);
      const writes: [string, string, unknown][] = [
        ["POST", "/api/admin/children/c1/guardians", { name: "王叔叔", phone: "139", relation: "叔叔" }],
        ["POST", "/api/admin/children/c1/not-authorised", { name: "张某", note: "法院裁定" }],
        ["POST", "/api/admin/guardians/p1/cards", { cardNumber: NEW_CARD }],
        ["DELETE", "/api/admin/children/c1/guardians/p1", undefined],
        [
          "POST",
          "/api/admin/pending-authorities/answer",
          { ref: { kind: "card", cardId: NEW_CARD }, answer: "confirm" },
        ],
      ];
      for (const [method, path, body] of writes) {
        const answer = await api(method, path, body, cookie);
        expect([answer.status, answer.body.error?.code]).toEqual([403, "AUTH_FORBIDDEN"]);
      }
      expect((await api("GET", "/api/admin/pending-authorities", undefined, cookie)).status).toBe(403);
    }
    expect(roster()).toBe(before);
  });

  it("a guardian added on screen collects only after an admin confirms; every step is journalled", async () => {
    const { guardianId } = await ok<{ guardianId: string }>("POST", "/api/admin/children/c1/guardians", {
      name: "王叔叔",
      phone: "13900000009",
      relation: "叔叔",
    });
    await ok("POST", `/api/admin/guardians/${guardianId}/cards`, { cardNumber: NEW_CARD });
    const pending = await ok<PendingAuthorityView[]>("GET", "/api/admin/pending-authorities");
    expect(pending.map((p) => [p.ref.kind, p.guardianName, p.byName])).toEqual([
      ["link", "王叔叔", "Admin"],
      ["card", "王叔叔", "Admin"],
    ]);

    // Pending: the guard hears a refusal with the reason, the room hears nothing.
    expect(outcomes(await gateTap(NEW_CARD))).toEqual([["c1", "awaiting_confirmation"]]);
    await ok("POST", "/api/admin/pending-authorities/answer", { ref: pending[1]?.ref, answer: "confirm" });
    // The card is confirmed, the link still is not.
    expect(outcomes(await gateTap(NEW_CARD))).toEqual([["c1", "awaiting_confirmation"]]);
    await ok("POST", "/api/admin/pending-authorities/answer", { ref: pending[0]?.ref, answer: "confirm" });
    expect(outcomes(await gateTap(NEW_CARD))).toEqual([["c1", "requested"]]);
    expect(await ok("GET", "/api/admin/pending-authorities")).toEqual([]);

    const events = await custodyEvents();
    expect(events.map((e) => [e.change, e.byName, e.pending ?? false])).toEqual([
      ["guardian_added", "Admin", true],
      ["card_bound", "Admin", true],
      ["authority_confirmed", "Admin", false],
      ["authority_confirmed", "Admin", false],
    ]);
    for (const e of events) expect(e.actor).toMatchObject({ kind: "user" });
    expect(events.every((e) => typeof e.at === "string")).toBe(true);
  });

  it("a rejected authority never collects; a card bound by the technician waits for the office too", async () => {
    const { socket } = await bag.technician(server);
    const bound = unwrap(
      await socket.emitWithAck("card:bind", { holder: { kind: "guardian", id: "p1" }, cardNumber: NEW_CARD }),
    );
    expect(bound.outcome).toBe("bound");
    expect(outcomes(await gateTap(NEW_CARD))).toEqual([
      ["c1", "awaiting_confirmation"],
      ["c2", "awaiting_confirmation"],
    ]);
    const [waiting] = await ok<PendingAuthorityView[]>("GET", "/api/admin/pending-authorities");
    expect(waiting).toMatchObject({ cardId: NEW_CARD, byName: "技术员", guardianName: "张妈妈" });
    await ok("POST", "/api/admin/pending-authorities/answer", { ref: waiting?.ref, answer: "reject" });
    const after = await gateTap(NEW_CARD);
    expect(after).toMatchObject({ kind: "card_blocked", cardStatus: "revoked" });
    // The old card of the same guardian is untouched.
    expect(outcomes(await gateTap("0000000001"))).toContainEqual(["c1", "requested"]);
    expect((await custodyEvents()).map((e) => [e.change, e.byName])).toEqual([
      ["card_bound", "技术员"],
      ["authority_rejected", "Admin"],
    ]);
  });

  it("edits, unlinks, unbinds and suspends a guardian's cards", async () => {
    await ok("PUT", "/api/admin/children/c3/guardians/p2", {
      name: "李爸",
      phone: "13700000000",
      relation: "父亲",
    });
    const roster = school.store.read();
    expect(roster.guardians.find((g) => g.id === "p2")).toMatchObject({ name: "李爸", phone: "13700000000" });
    expect(roster.guardianships.find((g) => g.guardianId === "p2")?.relation).toBe("父亲");
    await ok("POST", "/api/admin/guardian-cards/0000000002/status", { status: "lost" });
    expect(await gateTap("0000000002")).toMatchObject({ kind: "card_blocked", cardStatus: "lost" });
    await ok("DELETE", "/api/admin/guardian-cards/0000000002");
    expect(await gateTap("0000000002")).toMatchObject({ kind: "unknown_card" });
    // A child card is not a guardian card: this route leaves it alone.
    expect((await api("DELETE", "/api/admin/guardian-cards/0000000011")).body.error?.code).toBe("NOT_FOUND");
    await ok("DELETE", "/api/admin/children/c3/guardians/p2");
    expect(school.store.read().guardianships.some((g) => g.guardianId === "p2")).toBe(false);
    // A guardian left with no child keeps the record but no card that works.
    expect(school.store.read().cards.find((c) => c.id === "0000000099")?.status).toBe("revoked");
    expect((await custodyEvents()).map((e) => e.change)).toEqual([
      "guardian_edited",
      "card_status",
      "card_unbound",
      "guardian_unlinked",
    ]);
  });

  it("a barred adult entered on screen is a red custody alert at the gate, within the entry's dates", async () => {
    const entry = {
      name: "张某",
      relation: "父亲",
      idLast4: "123X",
      note: "（2026）京0105民初123号",
      cardNumber: NEW_CARD,
    };
    const { entryId } = await ok<{ entryId: string }>("POST", "/api/admin/children/c1/not-authorised", entry);
    const tap = await gateTap(NEW_CARD);
    expect(tap).toMatchObject({
      kind: "pickup",
      guardianName: "张某",
      children: [{ childId: "c1", outcome: "not_authorised", note: entry.note }],
    });

    // A court order that ended yesterday bars no longer.
    await ok("PUT", `/api/admin/children/c1/not-authorised/${entryId}`, { ...entry, validTo: "2020-01-01" });
    expect(await gateTap(NEW_CARD)).toMatchObject({ kind: "unknown_card" });
    const bad = await api("PUT", `/api/admin/children/c1/not-authorised/${entryId}`, {
      ...entry,
      validFrom: "2026-05-01",
      validTo: "2026-04-01",
    });
    expect(bad.body.error?.code).toBe("VALIDATION_FAILED");
    await ok("DELETE", `/api/admin/children/c1/not-authorised/${entryId}`);
    expect(school.store.read().children.find((c) => c.id === "c1")?.notAuthorised).toBeUndefined();
    expect((await custodyEvents()).map((e) => e.change)).toEqual([
      "not_authorised_saved",
      "not_authorised_saved",
      "not_authorised_removed",
    ]);
  });
});
