import { expect } from "vitest";
import { isWanfengError } from "../../protocol";
import type { Device, Pass, RosterLeave, User } from "../../server/domain/entities";
import type { Storage } from "../../server/ports/storage";

/** The storage contract's data, made through the ports (storage-contract.ts). */

/** Two rooms, one group of two places, two children and a guardian, made through the ports. */
export async function school(open: () => Promise<Storage>): Promise<Storage> {
  const store = await open();
  await store.saveRoom(undefined, "101");
  await store.saveRoom(undefined, "102");
  await store.saveGroup(undefined, group("A", "room-101"));
  await store.mergeRoster((parts) => {
    parts.children.push(
      { id: "c1", name: "甲", grade: 1, className: "1班", groupId: "group-a" },
      { id: "c2", name: "乙", grade: 1, className: "1班", groupId: "group-a" },
    );
    parts.guardians.push({ id: "g1", name: "甲妈妈", phone: "13800000000" });
    parts.guardianships.push({ childId: "c1", guardianId: "g1", relation: "妈妈" });
  });
  return store;
}

export function group(name: string, roomId: string, capacity = 2) {
  return { name, roomId, capacity };
}

export function user(id: string, username: string, groupIds: string[] = []): User {
  return { id, username, displayName: username, role: "teacher", passwordHash: "x", groupIds };
}

export function device(id: string, name: string): Device {
  return { id, name, kind: "gate", tokenHash: `hash-${id}`, createdAt: "2026-03-01T08:00:00Z" };
}

export function pass(id: string): Pass {
  return {
    id,
    delegate: { name: "舅舅", relation: "舅舅", phone: "13900000000" },
    childIds: ["c1"],
    guardianId: "g1",
    validFrom: "2026-03-02",
    validTo: "2026-03-02",
    shortCode: "ABCDEFGH",
    createdAt: "2026-03-01T08:00:00Z",
    createdBy: "u1",
  };
}

export function leave(id: string): RosterLeave {
  return {
    id,
    childId: "c1",
    from: "2026-03-02",
    to: "2026-03-02",
    askedBy: { name: "甲妈妈", relation: "妈妈" },
    channel: "phone",
    askedAt: "2026-03-01T08:00:00Z",
    reason: "看病",
    recordedAt: "2026-03-01T08:00:00Z",
    recordedBy: "u1",
    recordedByName: "老师",
  };
}

export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isWanfengError(err) ? err.code : err).toBe(code);
}

export async function expectField(promise: Promise<unknown>, field: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isWanfengError(err) ? [err.code, err.details?.field] : err).toEqual(["VALIDATION_FAILED", field]);
}
