import { type CardBound, type HolderRef, WanfengError } from "../../protocol";
import type { CardHolder } from "../domain/entities";
import type { Db, DocumentStore } from "../store/schema";

/** The name of a child or guardian in the roster, or undefined when there is no such person. */
export function holderNameIn(db: Db, holder: HolderRef | CardHolder): string | undefined {
  // A staff card (考勤) belongs to a user, named by their display name.
  if (holder.kind === "staff") return db.users.find((u) => u.id === holder.id)?.displayName;
  const people: readonly { id: string; name: string }[] =
    holder.kind === "child" ? db.children : db.guardians;
  return people.find((p) => p.id === holder.id)?.name;
}

/**
 * Binds a card (canonical id) to a child or guardian in the roster document. A card already bound
 * to this person is left as it is (its status too: a lost card that turns up is reactivated by an
 * administrator, not by a tap); a card bound to someone else is refused and not changed.
 */
export async function bindCard(store: DocumentStore, holder: HolderRef, cardId: string): Promise<CardBound> {
  let answer: CardBound | undefined;
  await store.update((db) => {
    const holderName = holderNameIn(db, holder);
    if (holderName === undefined) throw new WanfengError("NOT_FOUND", `no ${holder.kind} ${holder.id}`);
    const existing = db.cards.find((c) => c.id === cardId);
    if (existing === undefined) {
      db.cards.push({ id: cardId, holder: { kind: holder.kind, id: holder.id }, status: "active" });
      answer = { cardId, holder, holderName, outcome: "bound" };
      return;
    }
    if (existing.holder.kind === holder.kind && existing.holder.id === holder.id) {
      answer = { cardId, holder, holderName, outcome: "already_bound" };
      return;
    }
    const otherHolderName = holderNameIn(db, existing.holder) ?? existing.holder.id;
    answer = { cardId, holder, holderName, outcome: "refused", otherHolderName };
  });
  if (answer === undefined) throw new WanfengError("INTERNAL", "card binding did not run");
  return answer;
}
