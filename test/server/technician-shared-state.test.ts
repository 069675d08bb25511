import { describe, expect, it } from "vitest";
import type { EnrolmentDone, ReaderStatus } from "../../protocol";
import type { DayService } from "../../server/day/day-service";
import { DeviceRegistry } from "../../server/devices/device-registry";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { EnrolmentService, type SharedEnrolment } from "../../server/enrolment/enrolment-service";
import { gate, smallSchool } from "../domain/fixtures";
import { createTestSchool, removeSchool } from "../support/server-harness";

const READER: ReaderStatus = {
  readerId: "ttyV0",
  profile: "generic/rdm6300",
  path: "/dev/ttyV0",
  open: true,
  framesOk: 1,
  readings: 1,
  junkBytes: 0,
  badFrames: {},
};

/** What one node keeps of what the other nodes tell it (server/realtime/technician-peers.ts). */
describe("the technician's state from other nodes", () => {
  const roster = buildRosterIndex(smallSchool());
  let now = new Date("2026-12-01T08:00:00Z");
  const tick = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  it("a device connected elsewhere is online; its readers close when no node holds it", () => {
    const registry = new DeviceRegistry(() => now);
    const changed: string[] = [];
    registry.onChange((id) => changed.push(id));
    registry.elsewhere(new Set([gate.id]));
    tick(1000);
    registry.heard({ deviceId: gate.id, lastSeenAt: now.toISOString(), readers: [READER] });
    expect(registry.view(gate, roster)).toMatchObject({ online: true, readers: [READER] });

    // This node's own socket of the agent leaves while the agent is on the other node: still open.
    registry.connected(gate.id, "s1");
    registry.disconnected(gate.id, "s1");
    expect(registry.view(gate, roster)).toMatchObject({ online: true, readers: [READER] });

    registry.elsewhere(new Set());
    expect(registry.view(gate, roster)).toMatchObject({
      online: false,
      readers: [{ ...READER, open: false }],
    });
    expect(changed.length).toBe(5);
  });

  it("older news does not overwrite newer; a connect or disconnect carries no readers", () => {
    const registry = new DeviceRegistry(() => now);
    registry.reported(gate.id, [READER]);
    const stale = new Date(now.getTime() - 5000).toISOString();
    registry.heard({ deviceId: gate.id, lastSeenAt: stale, readers: [{ ...READER, readings: 99 }] });
    expect(registry.view(gate, roster).readers).toEqual([READER]);
    expect(registry.record(gate.id, false)).toEqual({ deviceId: gate.id, lastSeenAt: now.toISOString() });
    expect(registry.record(gate.id, true).readers).toEqual([READER]);
  });

  it("an enrolment held for another node makes the device busy here, and expires here without a word", async () => {
    const school = await createTestSchool();
    try {
      const told: EnrolmentDone[] = [];
      const peers: string[] = [];
      const day = { setTapClaim: () => {} } as unknown as DayService;
      const enrolment = new EnrolmentService({
        store: school.store,
        day,
        clock: () => new Date(),
        notify: (_socket, done) => told.push(done),
        windowMs: 50,
        peers: {
          started: (e) => peers.push(`started ${e.socketId}`),
          ended: (_d, socketId) => peers.push(`ended ${socketId}`),
        },
      });
      const user = school.store.read().users.find((u) => u.username === "tech");
      if (!user) throw new Error("no tech user");
      const deviceId = school.store.read().devices[0]?.id ?? "";
      const shared: SharedEnrolment = {
        deviceId,
        holder: { kind: "child", id: "c1" },
        holderName: "张小明",
        userId: user.id,
        userName: user.displayName,
        socketId: "elsewhere",
        startedAt: Date.now(),
        actor: { by: "user:x tech", action: "enrolment:start" },
      };
      enrolment.heldElsewhere(shared);
      expect(() => enrolment.start(user, "here", deviceId, { kind: "child", id: "c2" })).toThrow(/already/);
      enrolment.endedElsewhere(deviceId, "elsewhere");
      // A late word of the same enrolment (another node's answer sent before it ended) is ignored.
      enrolment.heldElsewhere(shared);
      enrolment.start(user, "here", deviceId, { kind: "child", id: "c2" });
      enrolment.cancel("here", deviceId);
      expect(peers).toEqual(["started here", "ended here"]);

      // Expiry is told by the node the enrolment started on, not by the nodes holding it for it.
      enrolment.heldElsewhere({ ...shared, startedAt: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(told).toEqual([]);
    } finally {
      await removeSchool(school);
    }
  });
});
