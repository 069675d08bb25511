import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EnrolmentDone, HolderRef, TapReport } from "../../protocol";
import type { RunningServer } from "../../server/app";
import type { DayService } from "../../server/day/day-service";
import { EnrolmentService } from "../../server/enrolment/enrolment-service";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  cardTap,
  createTestSchool,
  nextEvent,
  removeSchool,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { deviceIdByName, SocketBag } from "../support/technician-harness";

const NEW_CARD = "0006547886";

function later(report: TapReport, ms: number): TapReport {
  return { ...report, at: new Date(Date.parse(report.at) + ms).toISOString() };
}

describe("binding cards to people", () => {
  let school: TestSchool;
  let server: RunningServer;
  const bag = new SocketBag();

  beforeEach(async () => {
    school = await createTestSchool(anyTimeSchool());
    server = await startTestServer(school);
  });
  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("the next tap on the chosen device binds the card and starts no pickup", async () => {
    const tech = await bag.technician(server);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    const room = await bag.device(server, school.tokens.room1);
    const gate = await bag.device(server, school.tokens.gate);
    // 李四 (c3) is in care; his father p2 is the one getting a new card.
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000013")));
    const guard = await bag.screen(server, "guard");
    unwrap(await guard.emitWithAck("view:join", { view: "gate" }));
    const guardHeard: string[] = [];
    guard.onAny((event) => guardHeard.push(event));

    const started = unwrap(
      await tech.socket.emitWithAck("enrolment:start", {
        deviceId: gateId,
        holder: { kind: "guardian", id: "p2" },
      }),
    );
    expect(started).toMatchObject({ deviceId: gateId, holderName: "李爸爸" });
    expect(Date.parse(started.expiresAt)).toBeGreaterThan(Date.now() + 50_000);

    const done = nextEvent(tech.socket, "enrolment:done");
    const tap = cardTap(NEW_CARD);
    const outcome = unwrap(await gate.emitWithAck("tap:report", tap));
    expect(outcome.result).toEqual({
      kind: "enrolled",
      cardId: NEW_CARD,
      holderName: "李爸爸",
      outcome: "bound",
    });
    expect((await done)[0]).toMatchObject({
      kind: "tapped",
      outcome: "bound",
      cardId: NEW_CARD,
      deviceId: gateId,
    });
    // A guardian's new card is pickup authority: it waits for the office (issue 12 item 12).
    expect(school.store.read().cards.find((c) => c.id === NEW_CARD)).toMatchObject({
      id: NEW_CARD,
      holder: { kind: "guardian", id: "p2" },
      status: "active",
      pending: { byName: "技术员" },
    });
    // A retry of that tap gets the same answer and binds nothing twice.
    expect(unwrap(await gate.emitWithAck("tap:report", tap))).toEqual({ ...outcome, duplicate: true });

    // No pickup: the gate saw nothing, 李四 is still checked in.
    const gateView = unwrap(await guard.emitWithAck("view:join", { view: "gate" }));
    expect(gateView.children).toEqual([]);
    expect(guardHeard.filter((e) => e !== "view:stale")).toEqual([]);
    const kiosk = await bag.screen(server, "t1");
    const roomView = unwrap(await kiosk.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    expect(roomView.children.find((c) => c.childId === "c3")?.status).toBe("checked_in");

    // The enrolment is over: the same card later is refused until an admin confirms it…
    const waiting = unwrap(await gate.emitWithAck("tap:report", later(cardTap(NEW_CARD), 5_000)));
    expect(waiting.result).toMatchObject({
      kind: "pickup",
      guardianId: "p2",
      children: [{ childId: "c3", outcome: "awaiting_confirmation" }],
    });
    await school.store.settleAuthority({ kind: "card", cardId: NEW_CARD }, "confirm");
    // …and then is an ordinary pickup by its new holder.
    const pickup = unwrap(await gate.emitWithAck("tap:report", later(cardTap(NEW_CARD), 10_000)));
    expect(pickup.result).toMatchObject({
      kind: "pickup",
      guardianId: "p2",
      children: [{ childId: "c3", outcome: "requested" }],
    });

    const day = (await readdir(join(school.dataDir, "journal"))).find((f) => f.endsWith(".jsonl"));
    const journal = await readFile(join(school.dataDir, "journal", day ?? "none"), "utf8");
    const enrolled = journal.split("\n").filter((l) => l.includes('"card:enrolled"'));
    expect(enrolled).toHaveLength(1);
    expect(JSON.parse(enrolled[0] ?? "{}")).toMatchObject({
      cardId: NEW_CARD,
      holder: { id: "p2" },
      deviceId: gateId,
      pending: true,
    });
  });

  it("a tapped card that belongs to someone else is refused, and the refusal reaches the technician", async () => {
    const tech = await bag.technician(server);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    const gate = await bag.device(server, school.tokens.gate);
    unwrap(
      await tech.socket.emitWithAck("enrolment:start", {
        deviceId: gateId,
        holder: { kind: "child", id: "c3" },
      }),
    );
    // A second technician cannot wait for a tap on the same device at the same time.
    const admin = await bag.technician(server, "admin");
    const busy = await admin.socket.emitWithAck("enrolment:start", {
      deviceId: gateId,
      holder: { kind: "child", id: "c1" },
    });
    expect(busy).toMatchObject({ error: { code: "ENROLMENT_BUSY" } });

    const done = nextEvent(tech.socket, "enrolment:done");
    const outcome = unwrap(await gate.emitWithAck("tap:report", cardTap("0000000001")));
    expect(outcome.result).toMatchObject({ kind: "enrolled", outcome: "refused" });
    const refusal: EnrolmentDone = (await done)[0];
    expect(refusal).toMatchObject({ kind: "tapped", outcome: "refused", otherHolderName: "张妈妈" });
    expect(school.store.read().cards.find((c) => c.id === "0000000001")?.holder).toEqual({
      kind: "guardian",
      id: "p1",
    });
  });

  it("binds by a typed number in its printed, hex and W26 forms, and refuses someone else's card", async () => {
    const { socket } = await bag.technician(server);
    const holder: HolderRef = { kind: "child", id: "c1" };
    const bind = (cardNumber: string, who: HolderRef = holder) =>
      socket.emitWithAck("card:bind", { holder: who, cardNumber });
    expect(unwrap(await bind("0006547886"))).toMatchObject({
      cardId: NEW_CARD,
      outcome: "bound",
      holderName: "张小明",
    });
    expect(unwrap(await bind("010063E9AE"))).toMatchObject({ cardId: NEW_CARD, outcome: "already_bound" });
    expect(unwrap(await bind("099,59822"))).toMatchObject({ cardId: NEW_CARD, outcome: "already_bound" });
    expect(school.store.read().cards.filter((c) => c.id === NEW_CARD)).toHaveLength(1);

    expect(await bind("099-59822", { kind: "guardian", id: "p2" })).toMatchObject({
      error: { code: "CARD_ALREADY_BOUND" },
    });
    expect(await bind("not a card")).toMatchObject({ error: { code: "CARD_NUMBER_INVALID" } });
    expect(await bind("0006547886", { kind: "child", id: "nobody" })).toMatchObject({
      error: { code: "NOT_FOUND" },
    });
  });

  it("a cancelled enrolment leaves the next tap to the gate rules", async () => {
    const tech = await bag.technician(server);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    unwrap(
      await tech.socket.emitWithAck("enrolment:start", {
        deviceId: gateId,
        holder: { kind: "child", id: "c1" },
      }),
    );
    unwrap(await tech.socket.emitWithAck("enrolment:cancel", { deviceId: gateId }));
    // Cancelled: the next tap is an ordinary one again.
    const gate = await bag.device(server, school.tokens.gate);
    const outcome = unwrap(await gate.emitWithAck("tap:report", cardTap("0000000002")));
    expect(outcome.result.kind).toBe("pickup");
  });

  it("an enrolment nobody taps for ends and tells the technician", async () => {
    const told: EnrolmentDone[] = [];
    const day = { setTapClaim: () => {} } as unknown as DayService;
    const enrolment = new EnrolmentService({
      store: school.store,
      day,
      clock: () => new Date(),
      notify: (_socket, done) => told.push(done),
      windowMs: 50,
    });
    const user = school.store.read().users.find((u) => u.username === "tech");
    if (!user) throw new Error("no tech user");
    const deviceId = school.store.read().devices[0]?.id ?? "";
    enrolment.start(user, "socket-1", deviceId, { kind: "child", id: "c1" });
    await expect
      .poll(() => told)
      .toEqual([{ deviceId, kind: "expired", holder: { kind: "child", id: "c1" }, holderName: "张小明" }]);
  });
});
