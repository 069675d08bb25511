import { describe, expect, it } from "vitest";
import { addDevice, authenticateDevice } from "../../server/auth/devices";
import { sha256Hex } from "../../server/auth/tokens";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { emptyDb } from "../../server/store/schema";

function storeWithGroup() {
  const db = emptyDb();
  db.rooms.push({ id: "room-101", name: "101教室" });
  db.groups.push({ id: "group-1", name: "一二年级托管班", roomId: "room-101", capacity: 30 });
  return createMemoryStore(db);
}

describe("devices", () => {
  it("adds a gate and a room device; tokens authenticate, only hashes are stored", async () => {
    const store = storeWithGroup();
    const gate = await addDevice(store, { name: "南门 South gate", kind: "gate" });
    const room = await addDevice(store, { name: "101 kiosk", kind: "room", groupId: "group-1" });
    expect(gate.device.tokenHash).toBe(sha256Hex(gate.token));
    expect(JSON.stringify(store.read())).not.toContain(gate.token);
    expect(gate.device.groupId).toBeUndefined();
    expect(authenticateDevice(store, gate.token)).toEqual(gate.device);
    expect(authenticateDevice(store, room.token)).toEqual(room.device);
    expect(authenticateDevice(store, "not-a-token")).toBeUndefined();
    expect(authenticateDevice(store, "")).toBeUndefined();
  });

  it.each([
    ["a room device without group", { name: "k", kind: "room" as const }],
    ["a room device with an unknown group", { name: "k", kind: "room" as const, groupId: "group-9" }],
    ["a gate with a group", { name: "g", kind: "gate" as const, groupId: "group-1" }],
    ["a taken name (any case)", { name: "NORTH GATE", kind: "gate" as const }],
    ["an empty name", { name: "  ", kind: "gate" as const }],
  ])("refuses %s", async (_what, input) => {
    const store = storeWithGroup();
    await addDevice(store, { name: "North gate", kind: "gate" });
    await expect(addDevice(store, input)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(store.read().devices).toHaveLength(1);
  });
});
