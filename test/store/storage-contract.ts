import { describe, expect, it } from "vitest";
import { DEFAULT_ANNOUNCE } from "../../protocol";
import { DEFAULT_SCHEDULE } from "../../server/domain/schedule/defaults";
import type { StoreChange } from "../../server/ports/changes";
import type { Storage } from "../../server/ports/storage";
import { device, expectCode, expectField, group, leave, pass, school, user } from "./storage-contract-data";

/**
 * What every storage backend must do, written against the ports only (server/ports), so a second
 * backend runs the same cases: `storageContract("postgres", openPostgresForTest)`. The data is
 * made through the ports too, never by writing a backend's own format.
 */
export function storageContract(name: string, open: () => Promise<Storage>): void {
  describe(`storage contract: ${name}`, () => {
    it("rooms, groups and an imported roster are read back whole", async () => {
      const store = await school(open);
      const roster = store.schoolRoster();
      expect(roster.rooms.map((r) => r.name)).toEqual(["101", "102"]);
      expect(roster.groups.map((g) => [g.id, g.capacity])).toEqual([["group-a", 2]]);
      expect(roster.children.map((c) => c.id)).toEqual(["c1", "c2"]);
      expect(roster.guardianships).toEqual([{ childId: "c1", guardianId: "g1", relation: "妈妈" }]);
    });

    it("keeps names unique and groups within their capacity", async () => {
      const store = await school(open);
      await expectCode(store.saveRoom(undefined, "101"), "VALIDATION_FAILED");
      await expectCode(store.saveGroup(undefined, group("A", "room-101")), "VALIDATION_FAILED");
      await expectCode(store.saveGroup("group-a", group("A", "room-101", 1)), "GROUP_FULL");
      await expectCode(store.moveChild("c9", "group-a"), "NOT_FOUND");
      await store.saveGroup(undefined, group("B", "room-102", 1));
      await store.moveChild("c1", "group-b");
      await expectCode(store.moveChild("c2", "group-b"), "GROUP_FULL");
      expect(store.schoolRoster().children.find((c) => c.id === "c1")?.groupId).toBe("group-b");
    });

    it("a failed roster merge changes nothing", async () => {
      const store = await school(open);
      await expect(
        store.mergeRoster((parts) => {
          parts.children.push({ id: "c3", name: "丙", grade: 1, className: "1班", groupId: "group-a" });
          throw new Error("bad row");
        }),
      ).rejects.toThrow("bad row");
      expect(store.schoolRoster().children.map((c) => c.id)).toEqual(["c1", "c2"]);
    });

    it("photos, health notes and announcements; an unknown person is ignored", async () => {
      const store = await school(open);
      await store.setPhoto("guardian", "g1", "/api/photos/guardian-g1.jpg");
      await store.setPhoto("child", "nobody", "/api/photos/child-x.jpg");
      await store.setHealth("c1", { allergies: ["花生"], diet: [], medications: [] });
      await store.setGroupAnnounce("group-a", { ...DEFAULT_ANNOUNCE, volume: 0.2 });
      const roster = store.schoolRoster();
      expect(roster.guardians[0]?.photo).toBe("/api/photos/guardian-g1.jpg");
      expect(roster.children[0]?.health?.allergies).toEqual(["花生"]);
      expect(roster.groups[0]?.announce?.volume).toBe(0.2);
      await store.setHealth("c1", undefined);
      expect(store.schoolRoster().children[0]?.health).toBeUndefined();
    });

    it("binds a card once, refuses another holder's, and keeps its status", async () => {
      const store = await school(open);
      expect(await store.bindCard({ kind: "child", id: "c1" }, "0001")).toEqual({ outcome: "bound" });
      await store.setCardStatus("0001", "lost");
      expect(await store.bindCard({ kind: "child", id: "c1" }, "0001")).toEqual({ outcome: "already_bound" });
      expect(await store.bindCard({ kind: "guardian", id: "g1" }, "0001")).toEqual({
        outcome: "refused",
        holder: { kind: "child", id: "c1" },
      });
      expect(store.schoolRoster().cards).toEqual([
        { id: "0001", holder: { kind: "child", id: "c1" }, status: "lost" },
      ]);
      await expectCode(store.bindCard({ kind: "staff", id: "nobody" }, "0002"), "NOT_FOUND");
      await expectCode(store.setCardStatus("0009", "revoked"), "NOT_FOUND");
    });

    it("guardians: a new or a sibling's guardian is linked pending; an edit keeps the mark", async () => {
      const store = await school(open);
      const pending = { byUserId: "u1", byName: "教导处", at: "2026-03-02T08:00:00.000Z" };
      const id = await store.saveGuardian("c2", { name: "乙爸爸", phone: "139", relation: "爸爸" }, pending);
      await store.saveGuardian(
        "c2",
        { guardianId: "g1", name: "甲妈妈", phone: "13800000000", relation: "姨妈" },
        pending,
      );
      await store.saveGuardian("c2", { guardianId: id, name: "乙爸", phone: "137", relation: "父亲" });
      const roster = store.schoolRoster();
      expect(roster.guardians.find((g) => g.id === id)).toEqual({ id, name: "乙爸", phone: "137" });
      expect(roster.guardianships.filter((g) => g.childId === "c2")).toEqual([
        { childId: "c2", guardianId: id, relation: "父亲", pending },
        { childId: "c2", guardianId: "g1", relation: "姨妈", pending },
      ]);
      await expectCode(store.saveGuardian("c9", { name: "x", phone: "", relation: "y" }), "NOT_FOUND");
      await expectCode(
        store.saveGuardian("c1", { guardianId: "nobody", name: "x", phone: "", relation: "y" }),
        "NOT_FOUND",
      );
    });

    it("pending authorities: confirm removes the mark, reject removes the link or revokes the card", async () => {
      const store = await school(open);
      const pending = { byUserId: "u1", byName: "技术员", at: "2026-03-02T08:00:00.000Z" };
      const id = await store.saveGuardian("c2", { name: "乙爸爸", phone: "139", relation: "爸爸" }, pending);
      await store.saveGuardian(
        "c1",
        { guardianId: id, name: "乙爸爸", phone: "139", relation: "叔叔" },
        pending,
      );
      expect(await store.bindCard({ kind: "guardian", id: "g1" }, "0001", pending)).toEqual({
        outcome: "bound",
      });
      await store.bindCard({ kind: "guardian", id: "g1" }, "0002", pending);
      await store.settleAuthority({ kind: "link", childId: "c2", guardianId: id }, "confirm");
      await store.settleAuthority({ kind: "link", childId: "c1", guardianId: id }, "reject");
      await store.settleAuthority({ kind: "card", cardId: "0001" }, "confirm");
      await store.settleAuthority({ kind: "card", cardId: "0002" }, "reject");
      const roster = store.schoolRoster();
      expect(roster.guardianships.filter((g) => g.guardianId === id)).toEqual([
        { childId: "c2", guardianId: id, relation: "爸爸" },
      ]);
      expect(roster.cards).toEqual([
        { id: "0001", holder: { kind: "guardian", id: "g1" }, status: "active" },
        { id: "0002", holder: { kind: "guardian", id: "g1" }, status: "revoked" },
      ]);
      // Nothing is pending any more: a second answer finds nothing.
      await expectCode(store.settleAuthority({ kind: "card", cardId: "0001" }, "confirm"), "NOT_FOUND");
      await expectCode(
        store.settleAuthority({ kind: "link", childId: "c2", guardianId: id }, "reject"),
        "NOT_FOUND",
      );
    });

    it("unlinking a guardian; an adult left with no child keeps no working card; unbinding a card", async () => {
      const store = await school(open);
      await store.bindCard({ kind: "guardian", id: "g1" }, "0001");
      await store.bindCard({ kind: "child", id: "c1" }, "0011");
      await store.unlinkGuardian("c1", "g1");
      await expectCode(store.unlinkGuardian("c1", "g1"), "NOT_FOUND");
      const roster = store.schoolRoster();
      expect(roster.guardianships).toEqual([]);
      expect(roster.guardians.map((g) => g.id)).toEqual(["g1"]);
      expect(roster.cards.find((c) => c.id === "0001")?.status).toBe("revoked");
      await store.unbindCard("0011");
      expect(store.schoolRoster().cards.map((c) => c.id)).toEqual(["0001"]);
      await expectCode(store.unbindCard("0011"), "NOT_FOUND");
    });

    it("the not-authorised list: add, replace by id, remove; ten at most", async () => {
      const store = await school(open);
      const entry = { id: "na-1", name: "张某", relation: "父亲", note: "法院裁定", cardId: "0009" };
      await store.saveNotAuthorised("c1", entry);
      await store.saveNotAuthorised("c1", { ...entry, note: "（2026）民初1号", validTo: "2026-12-31" });
      await store.saveNotAuthorised("c1", { id: "na-2", name: "李某", relation: "", note: "" });
      expect(store.schoolRoster().children[0]?.notAuthorised).toEqual([
        { ...entry, note: "（2026）民初1号", validTo: "2026-12-31" },
        { id: "na-2", name: "李某", relation: "", note: "" },
      ]);
      await store.removeNotAuthorised("c1", "na-1");
      expect(store.schoolRoster().children[0]?.notAuthorised?.map((e) => e.id)).toEqual(["na-2"]);
      await expectCode(store.removeNotAuthorised("c1", "na-1"), "NOT_FOUND");
      await expectCode(store.saveNotAuthorised("c9", entry), "NOT_FOUND");
      for (let i = 3; i <= 11; i++) {
        await store.saveNotAuthorised("c1", { id: `na-${i}`, name: `某${i}`, relation: "", note: "" });
      }
      const full = { id: "na-12", name: "某12", relation: "", note: "" };
      await expectCode(store.saveNotAuthorised("c1", full), "VALIDATION_FAILED");
      await store.removeNotAuthorised("c1", "na-2");
      expect(store.schoolRoster().children[0]?.notAuthorised).toHaveLength(9);
    });

    it("a not-authorised entry's photo (the office's upload): kept on the entry, gone when saved without", async () => {
      const store = await school(open);
      const entry = { id: "na-1", name: "张某", relation: "父亲", note: "", idLast4: "123X" };
      const photo = "/api/photos/barred-c1-na-1.jpg";
      await store.saveNotAuthorised("c1", { ...entry, photo });
      expect(store.schoolRoster().children[0]?.notAuthorised).toEqual([{ ...entry, photo }]);
      await store.saveNotAuthorised("c1", entry);
      expect(store.schoolRoster().children[0]?.notAuthorised).toEqual([entry]);
    });

    it("users: one login per username in any case, only existing groups", async () => {
      const store = await school(open);
      await store.addUser(user("u1", "Teacher1", ["group-a"]));
      expect(store.findUserByUsername(" teacher1 ")?.id).toBe("u1");
      expect(store.findUser("u1")?.displayName).toBe("Teacher1");
      await expectField(store.addUser(user("u2", "TEACHER1")), "username");
      await expectField(store.addUser(user("u3", "other", ["group-z"])), "groupIds");
    });

    it("sessions: found by hash, expired ones dropped, deleted one by one or per user", async () => {
      const store = await school(open);
      await store.addUser(user("u1", "guard"));
      const now = new Date("2026-03-02T08:00:00Z");
      await store.addSession({ tokenHash: "old", userId: "u1", expiresAt: "2026-03-01T00:00:00Z" }, now);
      await store.addSession({ tokenHash: "a", userId: "u1", expiresAt: "2026-04-01T00:00:00Z" }, now);
      await store.addSession({ tokenHash: "b", userId: "u1", expiresAt: "2026-04-01T00:00:00Z" }, now);
      expect(store.findSession("old")).toBeUndefined();
      expect(store.findSession("a")?.userId).toBe("u1");
      await store.deleteSession("a");
      await store.deleteSession("a");
      expect(store.findSession("a")).toBeUndefined();
      await store.deleteSessionsOfUser("u1");
      expect(store.findSession("b")).toBeUndefined();
      await expectCode(
        store.addSession({ tokenHash: "c", userId: "nobody", expiresAt: "2030-01-01" }, now),
        "NOT_FOUND",
      );
    });

    it("devices: unique names in any case, an existing group, readers set later", async () => {
      const store = await school(open);
      await store.addDevice(device("d1", "East gate"));
      await expectField(store.addDevice(device("d2", "EAST GATE")), "name");
      await expectField(
        store.addDevice({ ...device("d3", "Room"), kind: "room", groupId: "group-z" }),
        "groupId",
      );
      await store.setDeviceReaders("d1", [
        { readerId: "r1", profile: "generic/em4100", path: "/dev/ttyUSB0" },
      ]);
      expect(store.listDevices().map((d) => [d.id, d.readers?.length])).toEqual([["d1", 1]]);
      await expectCode(store.setDeviceReaders("d9", []), "NOT_FOUND");
    });

    it("office: enrolments step by step, special care and duties", async () => {
      const store = await school(open);
      const record = {
        id: "e1",
        childId: "c1",
        application: { date: "2026-02-01", by: "妈妈" },
        recordedBy: "u1",
        updatedAt: "2026-02-01T08:00:00Z",
      };
      await expectCode(store.addEnrolment({ ...record, childId: "c9" }), "NOT_FOUND");
      await store.addEnrolment(record);
      await expect(
        store.changeEnrolment("e1", () => {
          throw new Error("refused step");
        }),
      ).rejects.toThrow("refused step");
      await store.changeEnrolment("e1", (e) => ({ ...e, approval: { date: "2026-02-02", by: "王主任" } }));
      await expectCode(
        store.changeEnrolment("e9", (e) => e),
        "NOT_FOUND",
      );
      expect(store.schoolRoster().enrolments?.[0]?.approval?.by).toBe("王主任");

      const care = {
        id: "s1",
        childId: "c2",
        groupId: "group-a",
        days: ["2026-03-02"],
        decidedBy: "班主任",
        reason: "家长出差",
        recordedBy: "u1",
        recordedAt: "2026-03-01T08:00:00Z",
      };
      await expectCode(store.addSpecialCare({ ...care, groupId: "group-z" }), "NOT_FOUND");
      await store.addSpecialCare(care);
      await store.removeSpecialCare("s1");
      await expectCode(store.removeSpecialCare("s1"), "NOT_FOUND");

      const duty = {
        id: "t1",
        groupId: "group-a",
        weekday: "fri" as const,
        person: { kind: "volunteer" as const, name: "李爸爸" },
      };
      await store.addDuty(duty);
      await expectCode(
        store.addDuty({ ...duty, id: "t2", person: { kind: "teacher", userId: "nobody" } }),
        "NOT_FOUND",
      );
      expect(store.schoolRoster().duties?.map((d) => d.id)).toEqual(["t1"]);
      await store.removeDuty("t1");
      await expectCode(store.removeDuty("t1"), "NOT_FOUND");
    });

    it("schedule, passes (one signing key) and leaves", async () => {
      const store = await school(open);
      await store.setSchedule(DEFAULT_SCHEDULE);
      expect(store.schoolRoster().schedule?.seasons).toEqual(DEFAULT_SCHEDULE.seasons);

      expect(store.passBook()).toEqual({ key: undefined, passes: [] });
      let keys = 0;
      const newKey = () => `${"k".repeat(42)}${++keys}`;
      await store.createPass((existing) => pass(`passaaa${existing.length}`), newKey);
      await store.createPass((existing) => pass(`passaaa${existing.length}`), newKey);
      expect(keys).toBe(1);
      expect(store.passBook().passes.map((p) => p.id)).toEqual(["passaaa0", "passaaa1"]);
      await store.revokePass("passaaa0", "2026-03-02T09:00:00Z", "u1");
      await store.revokePass("passaaa0", "2026-03-02T10:00:00Z", "u2");
      expect(store.passBook().passes[0]).toMatchObject({
        revokedAt: "2026-03-02T09:00:00Z",
        revokedBy: "u1",
      });

      await store.addLeave(leave("l1"));
      await store.cancelLeave("l1", { at: "2026-03-02T09:00:00Z", byUserId: "u1", reason: "来了" });
      await store.cancelLeave("l9", { at: "2026-03-02T09:00:00Z", byUserId: "u1", reason: "x" });
      expect(store.leaves()).toMatchObject([{ id: "l1", cancelledBy: "u1", cancelReason: "来了" }]);
    });

    it("renames rooms and changes groups in place", async () => {
      const store = await school(open);
      await store.saveRoom("room-102", "102B");
      await store.saveRoom("room-102", "102B");
      await expectCode(store.saveRoom("room-9", "909"), "NOT_FOUND");
      await store.saveGroup("group-a", { name: "A2", roomId: "room-102", capacity: 3 });
      await expectCode(store.saveGroup(undefined, group("C", "room-9")), "NOT_FOUND");
      await expectCode(store.saveGroup("group-z", group("Z", "room-101")), "NOT_FOUND");
      const roster = store.schoolRoster();
      expect(roster.rooms.map((r) => [r.id, r.name])).toEqual([
        ["room-101", "101"],
        ["room-102", "102B"],
      ]);
      expect(roster.groups).toMatchObject([{ id: "group-a", name: "A2", roomId: "room-102", capacity: 3 }]);
    });

    it("a roster merge returns its result and keeps every change it made", async () => {
      const store = await school(open);
      const result = await store.mergeRoster((parts) => {
        const child = parts.children.find((c) => c.id === "c2");
        if (child) child.name = "乙二";
        parts.guardianships.splice(0, 1);
        parts.guardians.push({ id: "g2", name: "乙爸爸", phone: "13700000000" });
        parts.guardianships.push({ childId: "c2", guardianId: "g2", relation: "爸爸" });
        return "merged";
      });
      expect(result).toBe("merged");
      const roster = store.schoolRoster();
      expect(roster.children.map((c) => c.name)).toEqual(["甲", "乙二"]);
      expect(roster.guardians.map((g) => g.id)).toEqual(["g1", "g2"]);
      expect(roster.guardianships).toEqual([{ childId: "c2", guardianId: "g2", relation: "爸爸" }]);
    });

    it("a write that changes nothing announces nothing", async () => {
      const store = await school(open);
      await store.addUser(user("u1", "guard"));
      await store.addLeave(leave("l1"));
      await store.createPass(
        () => pass("passaaa0"),
        () => "k".repeat(43),
      );
      await store.revokePass("passaaa0", "2026-03-02T09:00:00Z", "u1");
      const changes: StoreChange[] = [];
      store.onChange((change) => changes.push(change));
      await store.setPhoto("child", "nobody", "/api/photos/x.jpg");
      await store.setGroupAnnounce("group-z", DEFAULT_ANNOUNCE);
      await store.revokePass("passaaa0", "2026-03-02T10:00:00Z", "u2");
      await store.cancelLeave("l9", { at: "2026-03-02T09:00:00Z", byUserId: "u1", reason: "x" });
      await store.deleteSession("nothing");
      await store.moveChild("c1", "group-a");
      expect(changes).toEqual([]);
    });

    it("deletes only the given user's sessions", async () => {
      const store = await school(open);
      await store.addUser(user("u1", "guard"));
      await store.addUser(user("u2", "teacher"));
      const now = new Date("2026-03-02T08:00:00Z");
      await store.addSession({ tokenHash: "a", userId: "u1", expiresAt: "2026-04-01T00:00:00Z" }, now);
      await store.addSession({ tokenHash: "b", userId: "u2", expiresAt: "2026-04-01T00:00:00Z" }, now);
      await store.deleteSessionsOfUser("u1");
      expect(store.findSession("a")).toBeUndefined();
      expect(store.findSession("b")?.userId).toBe("u2");
    });

    it("announces each write with the kinds it changed, and nothing for a failed one", async () => {
      const store = await school(open);
      const changes: StoreChange[] = [];
      const stop = store.onChange((change) => changes.push(change));
      await store.addUser(user("u1", "guard"));
      await store.bindCard({ kind: "staff", id: "u1" }, "0005");
      await store.addLeave(leave("l1"));
      await expectCode(store.moveChild("c9", "group-a"), "NOT_FOUND");
      stop();
      await store.setSchedule(DEFAULT_SCHEDULE);
      expect(changes.map((c) => [[...c.kinds], c.external])).toEqual([
        [["users"], false],
        [["cards"], false],
        [["leaves"], false],
      ]);
    });
  });
}
