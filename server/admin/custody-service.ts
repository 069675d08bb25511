import {
  type AuthorityRefInput,
  type GuardianAdd,
  type GuardianEdit,
  type NotAuthorisedInput,
  normaliseCardNumber,
  WanfengError,
} from "../../protocol";
import type { CustodyChange } from "../domain/custody-events";
import type { DayState } from "../domain/day-state";
import { type NotAuthorised, notAuthorisedId, type PendingAuthority, type User } from "../domain/entities";
import type { DayEvent } from "../domain/events";
import type { RosterIndex } from "../domain/roster-index";
import { notAuthorisedPhotoStem } from "../photos/photo-names";
import type { PhotoFiles } from "../ports/photos";
import type { CardStore, RosterReader, RosterWriter } from "../ports/roster";

/** Records events in the day's journal: DayService.recordDecision. */
export interface CustodyJournal {
  recordDecision<T>(
    decide: (roster: RosterIndex, state: DayState, now: Date) => { result: T; events: DayEvent[] },
  ): Promise<T>;
}

export interface CustodyDeps {
  store: RosterReader & RosterWriter & CardStore;
  /** Where a not-authorised adult's photo file lives, removed with the entry; none without a folder. */
  photos?: PhotoFiles;
  journal: CustodyJournal;
  clock: () => Date;
  newId: () => string;
}

type ChangeFields = { change: CustodyChange } & Partial<{
  childId: string;
  guardianId: string;
  cardId: string;
  name: string;
  pending: true;
  detail: string;
}>;

/**
 * Who may and may not collect a child, changed by the office (issue 10). A new pickup authority
 * (a guardian linked, a card bound) is stored pending until an administrator confirms it; every
 * change is written to the store first and then to the day's journal with who and when.
 */
export class CustodyService {
  constructor(private readonly deps: CustodyDeps) {}

  async addGuardian(user: User, childId: string, input: GuardianAdd): Promise<string> {
    const { guardianId, ...fields } = input;
    const guardianInput = guardianId ? { ...fields, guardianId } : fields;
    const linked = guardianId !== undefined && this.linked(childId, guardianId);
    if (linked) throw new WanfengError("VALIDATION_FAILED", `${guardianId} is already linked to ${childId}`);
    const id = await this.deps.store.saveGuardian(childId, guardianInput, this.pending(user));
    const name = this.guardianName(id);
    await this.record(user, {
      change: "guardian_added",
      childId,
      guardianId: id,
      name,
      pending: true,
      detail: input.relation,
    });
    return id;
  }

  async editGuardian(user: User, childId: string, guardianId: string, input: GuardianEdit): Promise<void> {
    if (!this.linked(childId, guardianId))
      throw new WanfengError("NOT_FOUND", `${guardianId} is not linked to ${childId}`);
    await this.deps.store.saveGuardian(childId, { ...input, guardianId });
    await this.record(user, {
      change: "guardian_edited",
      childId,
      guardianId,
      name: input.name,
      detail: input.relation,
    });
  }

  async unlinkGuardian(user: User, childId: string, guardianId: string): Promise<void> {
    const name = this.guardianName(guardianId);
    await this.deps.store.unlinkGuardian(childId, guardianId);
    await this.record(user, { change: "guardian_unlinked", childId, guardianId, name });
  }

  /** A card for a guardian, pending until confirmed; a card already theirs is left as it is. */
  async bindGuardianCard(user: User, guardianId: string, cardNumber: string): Promise<string> {
    const cardId = normaliseCardNumber(cardNumber);
    const binding = await this.deps.store.bindCard(
      { kind: "guardian", id: guardianId },
      cardId,
      this.pending(user),
    );
    if (binding.outcome === "refused") {
      throw new WanfengError("CARD_ALREADY_BOUND", `card ${cardId} belongs to someone else`, { cardId });
    }
    if (binding.outcome === "bound") {
      const name = this.guardianName(guardianId);
      await this.record(user, { change: "card_bound", guardianId, cardId, name, pending: true });
    }
    return cardId;
  }

  async unbindGuardianCard(user: User, cardId: string): Promise<void> {
    const card = this.guardianCard(cardId);
    await this.deps.store.unbindCard(cardId);
    await this.record(user, { change: "card_unbound", guardianId: card.holder.id, cardId });
  }

  /** Suspend (lost, revoked) or reactivate a guardian's card. */
  async setGuardianCardStatus(
    user: User,
    cardId: string,
    status: "active" | "lost" | "revoked",
  ): Promise<void> {
    const card = this.guardianCard(cardId);
    await this.deps.store.setCardStatus(cardId, status);
    await this.record(user, { change: "card_status", guardianId: card.holder.id, cardId, detail: status });
  }

  /** Adds (no `entryId`) or replaces an entry of the child's not-authorised list. */
  async saveNotAuthorised(
    user: User,
    childId: string,
    entryId: string | undefined,
    input: NotAuthorisedInput,
  ): Promise<string> {
    const child = this.deps.store.schoolRoster().children.find((c) => c.id === childId);
    if (!child) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
    const list = child.notAuthorised ?? [];
    const existing =
      entryId === undefined ? undefined : list.find((e, i) => notAuthorisedId(e, i) === entryId);
    if (entryId !== undefined && !existing) throw new WanfengError("NOT_FOUND", `no entry ${entryId}`);
    const id = entryId ?? `na-${this.deps.newId()}`;
    const { cardNumber, ...fields } = input;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await this.deps.store.saveNotAuthorised(childId, {
      ...(existing?.photo ? { photo: existing.photo } : {}),
      ...(defined as Omit<NotAuthorisedInput, "cardNumber">),
      ...(cardNumber ? { cardId: normaliseCardNumber(cardNumber) } : {}),
      id,
    });
    await this.record(user, { change: "not_authorised_saved", childId, name: input.name, detail: id });
    return id;
  }

  /**
   * Sets (a served path, the file already stored) or removes (undefined) the photo of an entry of
   * the child's not-authorised list; the rest of the entry stays as it was.
   */
  async setNotAuthorisedPhoto(
    user: User,
    childId: string,
    entryId: string,
    photo: string | undefined,
  ): Promise<void> {
    const entry = this.notAuthorisedEntry(childId, entryId);
    if (!entry) throw new WanfengError("NOT_FOUND", `no entry ${entryId} for ${childId}`);
    const { photo: _replaced, ...kept } = entry;
    await this.deps.store.saveNotAuthorised(childId, { ...kept, ...(photo ? { photo } : {}), id: entryId });
    await this.record(user, {
      change: "not_authorised_photo",
      childId,
      name: entry.name,
      detail: entryId,
    });
  }

  /** The entry of the child's not-authorised list with this id (see notAuthorisedId), if any. */
  notAuthorisedEntry(childId: string, entryId: string): NotAuthorised | undefined {
    const child = this.deps.store.schoolRoster().children.find((c) => c.id === childId);
    return child?.notAuthorised?.find((e, i) => notAuthorisedId(e, i) === entryId);
  }

  async removeNotAuthorised(user: User, childId: string, entryId: string): Promise<void> {
    const child = this.deps.store.schoolRoster().children.find((c) => c.id === childId);
    const name = child?.notAuthorised?.find((e, i) => notAuthorisedId(e, i) === entryId)?.name;
    await this.deps.store.removeNotAuthorised(childId, entryId);
    await this.deps.photos?.removePhotos(notAuthorisedPhotoStem(childId, entryId));
    await this.record(user, {
      change: "not_authorised_removed",
      childId,
      detail: entryId,
      ...(name ? { name } : {}),
    });
  }

  /** The office confirms or rejects a pending authority (any administrator, the one who asked too). */
  async settle(user: User, ref: AuthorityRefInput, answer: "confirm" | "reject"): Promise<void> {
    await this.deps.store.settleAuthority(ref, answer);
    const change = answer === "confirm" ? "authority_confirmed" : "authority_rejected";
    const fields =
      ref.kind === "link"
        ? { childId: ref.childId, guardianId: ref.guardianId, name: this.guardianName(ref.guardianId) }
        : { cardId: ref.cardId };
    await this.record(user, { change, ...fields });
  }

  private linked(childId: string, guardianId: string): boolean {
    return this.deps.store
      .schoolRoster()
      .guardianships.some((g) => g.childId === childId && g.guardianId === guardianId);
  }

  private guardianName(guardianId: string): string {
    return this.deps.store.schoolRoster().guardians.find((g) => g.id === guardianId)?.name ?? guardianId;
  }

  private guardianCard(cardId: string) {
    const card = this.deps.store.schoolRoster().cards.find((c) => c.id === cardId);
    if (card?.holder.kind !== "guardian") throw new WanfengError("NOT_FOUND", `no guardian card ${cardId}`);
    return card;
  }

  private pending(user: User): PendingAuthority {
    return { byUserId: user.id, byName: user.displayName, at: this.deps.clock().toISOString() };
  }

  /**
   * Journalled after the store write succeeded: a change the store refused leaves no record. A
   * journal failure after the write is reported to the office as an error (the change stands).
   */
  private async record(user: User, fields: ChangeFields): Promise<void> {
    const id = `custody-${this.deps.newId()}`;
    await this.deps.journal.recordDecision((_roster, state, now) => {
      const event: DayEvent = {
        id,
        day: state.day,
        at: now.toISOString(),
        actor: { kind: "user", id: user.id },
        type: "custody:changed",
        ...fields,
        byUserId: user.id,
        byName: user.displayName,
      };
      return { result: undefined, events: [event] };
    });
  }
}
