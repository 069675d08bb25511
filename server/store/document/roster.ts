import { WanfengError } from "../../../protocol";
import { newId as idFromName } from "../../domain/name-ids";
import type { CardStore, RosterParts, RosterReader, RosterWriter } from "../../ports/roster";
import type { Db, DocumentStore } from "../schema";
import { documentCustody } from "./custody";

/** The roster ports on the document: each change is one store.update, all or nothing. */
export function documentRoster(store: DocumentStore): RosterReader & RosterWriter & CardStore {
  return {
    schoolRoster: () => store.read(),
    ...documentCustody(store),

    setPhoto: (kind, id, photo) =>
      store.update((db) => {
        const entry =
          kind === "child" ? db.children.find((c) => c.id === id) : db.guardians.find((g) => g.id === id);
        if (!entry) return;
        if (photo) entry.photo = photo;
        else delete entry.photo;
      }),

    setHealth: (childId, health) =>
      store.update((db) => {
        const child = db.children.find((c) => c.id === childId);
        if (!child) return;
        if (health) child.health = health;
        else delete child.health;
      }),

    setGroupAnnounce: (groupId, announce) =>
      store.update((db) => {
        const group = db.groups.find((g) => g.id === groupId);
        if (group) group.announce = announce;
      }),

    saveRoom: (roomId, name) =>
      store.update((db) => {
        if (db.rooms.some((r) => r.name === name && r.id !== roomId)) {
          throw new WanfengError("VALIDATION_FAILED", `a room is already called ${name}`);
        }
        if (roomId === undefined) {
          db.rooms.push({ id: idFromName("room", name, new Set(db.rooms.map((r) => r.id))), name });
          return;
        }
        const room = db.rooms.find((r) => r.id === roomId);
        if (!room) throw new WanfengError("NOT_FOUND", `no room ${roomId}`);
        room.name = name;
      }),

    saveGroup: (groupId, input) =>
      store.update((db) => {
        if (!db.rooms.some((r) => r.id === input.roomId))
          throw new WanfengError("NOT_FOUND", `no room ${input.roomId}`);
        if (db.groups.some((g) => g.name === input.name && g.id !== groupId)) {
          throw new WanfengError("VALIDATION_FAILED", `a group is already called ${input.name}`);
        }
        if (groupId === undefined) {
          const id = idFromName("group", input.name, new Set(db.groups.map((g) => g.id)));
          db.groups.push({ id, ...input });
          return;
        }
        const group = requireGroup(db, groupId);
        const members = db.children.filter((c) => c.groupId === groupId).length;
        if (input.capacity < members)
          throw new WanfengError("GROUP_FULL", `${members} children are in ${group.name}`);
        Object.assign(group, input);
      }),

    moveChild: (childId, groupId) =>
      store.update((db) => {
        const child = requireChild(db, childId);
        const group = requireGroup(db, groupId);
        if (child.groupId === groupId) return;
        const members = db.children.filter((c) => c.groupId === groupId).length;
        if (members >= group.capacity)
          throw new WanfengError("GROUP_FULL", `${group.name} has ${members} children`);
        child.groupId = groupId;
      }),

    async mergeRoster<T>(merge: (parts: RosterParts) => T): Promise<T> {
      let result: { value: T } | undefined;
      await store.update((db) => {
        result = { value: merge(db) };
      });
      if (!result) throw new WanfengError("INTERNAL", "roster merge did not run");
      return result.value;
    },

    async bindCard(holder, cardId, pending) {
      let binding: Awaited<ReturnType<CardStore["bindCard"]>> | undefined;
      await store.update((db) => {
        const people: readonly { id: string }[] =
          holder.kind === "staff" ? db.users : holder.kind === "child" ? db.children : db.guardians;
        if (!people.some((p) => p.id === holder.id))
          throw new WanfengError(
            "NOT_FOUND",
            `no ${holder.kind === "staff" ? "user" : holder.kind} ${holder.id}`,
          );
        const existing = db.cards.find((c) => c.id === cardId);
        if (existing === undefined) {
          const card = {
            id: cardId,
            holder: { kind: holder.kind, id: holder.id },
            status: "active" as const,
          };
          db.cards.push(pending ? { ...card, pending } : card);
          binding = { outcome: "bound" };
        } else if (existing.holder.kind === holder.kind && existing.holder.id === holder.id) {
          binding = { outcome: "already_bound" };
        } else {
          binding = { outcome: "refused", holder: existing.holder };
        }
      });
      if (!binding) throw new WanfengError("INTERNAL", "card binding did not run");
      return binding;
    },

    setCardStatus: (cardId, status) =>
      store.update((db) => {
        const card = db.cards.find((c) => c.id === cardId);
        if (!card) throw new WanfengError("NOT_FOUND", `no card ${cardId}`);
        card.status = status;
      }),
  };
}

export function requireChild(db: Db, childId: string) {
  const child = db.children.find((c) => c.id === childId);
  if (!child) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  return child;
}

export function requireGroup(db: Db, groupId: string) {
  const group = db.groups.find((g) => g.id === groupId);
  if (!group) throw new WanfengError("NOT_FOUND", `no group ${groupId}`);
  return group;
}
