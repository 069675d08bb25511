import { WanfengError } from "../../../protocol";
import { notAuthorisedId } from "../../domain/entities";
import { newId as idFromName } from "../../domain/name-ids";
import type { CardStore, RosterWriter } from "../../ports/roster";
import type { Db, DocumentStore } from "../schema";

/** Most adults a child's not-authorised list holds (ChildSchema). */
const MAX_NOT_AUTHORISED = 10;

type CustodyWrites = Pick<
  RosterWriter,
  "saveGuardian" | "unlinkGuardian" | "settleAuthority" | "saveNotAuthorised" | "removeNotAuthorised"
> &
  Pick<CardStore, "unbindCard">;

/** Who may and may not collect a child, on the document: each change one store.update. */
export function documentCustody(store: DocumentStore): CustodyWrites {
  return {
    async saveGuardian(childId, input, pending) {
      let savedId = "";
      await store.update((db) => {
        requireChild(db, childId);
        const { guardianId, relation, name, phone } = input;
        const link =
          guardianId === undefined
            ? undefined
            : db.guardianships.find((g) => g.childId === childId && g.guardianId === guardianId);
        if (link) {
          const guardian = db.guardians.find((g) => g.id === link.guardianId);
          if (guardian) Object.assign(guardian, { name, phone });
          link.relation = relation;
          savedId = link.guardianId;
          return;
        }
        let id = guardianId;
        if (id === undefined) {
          id = idFromName("guardian", name, new Set(db.guardians.map((g) => g.id)));
          db.guardians.push({ id, name, phone });
        } else if (!db.guardians.some((g) => g.id === id)) {
          throw new WanfengError("NOT_FOUND", `no guardian ${id}`);
        }
        db.guardianships.push({ childId, guardianId: id, relation, ...(pending ? { pending } : {}) });
        savedId = id;
      });
      return savedId;
    },

    unlinkGuardian: (childId, guardianId) =>
      store.update((db) => {
        const at = db.guardianships.findIndex((g) => g.childId === childId && g.guardianId === guardianId);
        if (at < 0) throw new WanfengError("NOT_FOUND", `${guardianId} is not linked to ${childId}`);
        db.guardianships.splice(at, 1);
        if (db.guardianships.some((g) => g.guardianId === guardianId)) return;
        for (const card of db.cards) {
          if (card.holder.kind === "guardian" && card.holder.id === guardianId) card.status = "revoked";
        }
      }),

    settleAuthority: (ref, answer) =>
      store.update((db) => {
        if (ref.kind === "link") {
          const at = db.guardianships.findIndex(
            (g) => g.childId === ref.childId && g.guardianId === ref.guardianId && g.pending,
          );
          const link = db.guardianships[at];
          if (!link) throw new WanfengError("NOT_FOUND", "no such pending guardian");
          if (answer === "reject") db.guardianships.splice(at, 1);
          else delete link.pending;
          return;
        }
        const card = db.cards.find((c) => c.id === ref.cardId && c.pending);
        if (!card) throw new WanfengError("NOT_FOUND", `no pending card ${ref.cardId}`);
        delete card.pending;
        if (answer === "reject") card.status = "revoked";
      }),

    saveNotAuthorised: (childId, entry) =>
      store.update((db) => {
        const child = requireChild(db, childId);
        const list = child.notAuthorised ?? [];
        const at = list.findIndex((e, i) => notAuthorisedId(e, i) === entry.id);
        if (at >= 0) list[at] = entry;
        else if (list.length >= MAX_NOT_AUTHORISED)
          throw new WanfengError("VALIDATION_FAILED", `at most ${MAX_NOT_AUTHORISED} adults per child`);
        else list.push(entry);
        child.notAuthorised = list;
      }),

    removeNotAuthorised: (childId, entryId) =>
      store.update((db) => {
        const child = requireChild(db, childId);
        const list = child.notAuthorised ?? [];
        const at = list.findIndex((e, i) => notAuthorisedId(e, i) === entryId);
        if (at < 0) throw new WanfengError("NOT_FOUND", `no entry ${entryId}`);
        // Older entries are named by their place: keep the others' names as they were.
        const named = list.map((e, i) => ({ ...e, id: notAuthorisedId(e, i) }));
        named.splice(at, 1);
        if (named.length === 0) delete child.notAuthorised;
        else child.notAuthorised = named;
      }),

    unbindCard: (cardId) =>
      store.update((db) => {
        const at = db.cards.findIndex((c) => c.id === cardId);
        if (at < 0) throw new WanfengError("NOT_FOUND", `no card ${cardId}`);
        db.cards.splice(at, 1);
      }),
  };
}

function requireChild(db: Db, childId: string) {
  const child = db.children.find((c) => c.id === childId);
  if (!child) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  return child;
}
