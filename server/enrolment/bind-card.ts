import type { CardBound, HolderRef } from "../../protocol";
import type { CardHolder, PendingAuthority, SchoolRoster } from "../domain/entities";
import type { CardStore, RosterReader } from "../ports/roster";

/** The name of a child or guardian in the roster, or undefined when there is no such person. */
export function holderNameIn(roster: SchoolRoster, holder: HolderRef | CardHolder): string | undefined {
  // A staff card (考勤) belongs to a user, named by their display name.
  if (holder.kind === "staff") return roster.users.find((u) => u.id === holder.id)?.displayName;
  const people: readonly { id: string; name: string }[] =
    holder.kind === "child" ? roster.children : roster.guardians;
  return people.find((p) => p.id === holder.id)?.name;
}

/**
 * Binds a card (canonical id) to a child or guardian in the roster. A card already bound to this
 * person is left as it is (its status too: a lost card that turns up is reactivated by an
 * administrator, not by a tap); a card bound to someone else is refused and not changed. A new
 * card of a guardian is pickup authority: it waits for the office's confirmation (`by` who asked).
 */
export async function bindCard(
  store: CardStore & RosterReader,
  holder: HolderRef,
  cardId: string,
  by: { userId: string; name: string; at: Date },
): Promise<CardBound> {
  const pending: PendingAuthority | undefined =
    holder.kind === "guardian"
      ? { byUserId: by.userId, byName: by.name, at: by.at.toISOString() }
      : undefined;
  const binding = await store.bindCard(holder, cardId, pending);
  const roster = store.schoolRoster();
  const holderName = holderNameIn(roster, holder) ?? holder.id;
  if (binding.outcome !== "refused") return { cardId, holder, holderName, outcome: binding.outcome };
  const otherHolderName = holderNameIn(roster, binding.holder) ?? binding.holder.id;
  return { cardId, holder, holderName, outcome: "refused", otherHolderName };
}
