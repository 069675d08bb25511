import type { AnnounceSettings, GroupInput, HealthNotes } from "../../protocol";
import type {
  Card,
  CardHolder,
  CardStatus,
  Child,
  Group,
  Guardian,
  Guardianship,
  NotAuthorised,
  PendingAuthority,
  Room,
  SchoolRoster,
} from "../domain/entities";

/** Reads the whole school's roster at once: the day's index, the office's overview, reports. */
export interface RosterReader {
  /** One consistent snapshot; do not mutate it. */
  schoolRoster(): SchoolRoster;
}

/** The parts of the roster a roster import merges into, as plain lists it may change. */
export interface RosterParts {
  rooms: Room[];
  groups: Group[];
  children: Child[];
  guardians: Guardian[];
  guardianships: Guardianship[];
  cards: Card[];
}

/** Changes to the school's people and places, each all or nothing. */
export interface RosterWriter {
  /** A child's or guardian's photo path; undefined removes it. An unknown person is ignored. */
  setPhoto(kind: "child" | "guardian", id: string, photo: string | undefined): Promise<void>;
  /** A child's health notes; undefined removes them. An unknown child is ignored. */
  setHealth(childId: string, health: HealthNotes | undefined): Promise<void>;
  /** A care group's kiosk announcements. An unknown group is ignored. */
  setGroupAnnounce(groupId: string, announce: AnnounceSettings): Promise<void>;
  /** Adds (no id) or renames a room. VALIDATION_FAILED: the name is taken; NOT_FOUND: no such room. */
  saveRoom(roomId: string | undefined, name: string): Promise<void>;
  /**
   * Adds (no id) or changes a care group. NOT_FOUND: no such room or group; VALIDATION_FAILED: the
   * name is taken; GROUP_FULL: fewer places than children in it.
   */
  saveGroup(groupId: string | undefined, input: GroupInput): Promise<void>;
  /** NOT_FOUND: no such child or group; GROUP_FULL: the group has no free place. */
  moveChild(childId: string, groupId: string): Promise<void>;
  /**
   * Runs `merge` on a copy of the roster's parts and keeps the copy when it returns, in one
   * transaction; when it throws nothing is changed. Returns what `merge` returned.
   */
  mergeRoster<T>(merge: (parts: RosterParts) => T): Promise<T>;
  /**
   * Links an adult to the child: a new guardian (no `guardianId`) or one already on the roster (a
   * sibling's), the new link carrying `pending` when given. For a guardian already linked to the
   * child it changes name, phone and relation instead (a pending mark stays as it was). Returns the
   * guardian's id. NOT_FOUND: no such child or guardian.
   */
  saveGuardian(childId: string, input: GuardianInput, pending?: PendingAuthority): Promise<string>;
  /**
   * Removes the link; a guardian left with no child keeps their record (the journal names them)
   * but their cards are revoked. NOT_FOUND: the guardian is not linked to the child.
   */
  unlinkGuardian(childId: string, guardianId: string): Promise<void>;
  /**
   * The office's answer to a pending authority: confirm removes the mark; reject removes the link,
   * or revokes the card. NOT_FOUND: nothing pending under that reference.
   */
  settleAuthority(ref: AuthorityRef, answer: "confirm" | "reject"): Promise<void>;
  /**
   * Adds a not-authorised entry, or replaces the child's entry with the same id (notAuthorisedId).
   * NOT_FOUND: no such child; VALIDATION_FAILED: the list is full (10).
   */
  saveNotAuthorised(childId: string, entry: NotAuthorised & { id: string }): Promise<void>;
  /** NOT_FOUND: no such child or entry (by notAuthorisedId). */
  removeNotAuthorised(childId: string, entryId: string): Promise<void>;
}

/** A guardian as the office's form gives one: a new adult, or (with `guardianId`) one on the roster. */
export interface GuardianInput {
  guardianId?: string;
  name: string;
  phone: string;
  relation: string;
}

/** A pickup authority that may be pending: a guardian's link to a child, or a guardian's card. */
export type AuthorityRef =
  | { kind: "link"; childId: string; guardianId: string }
  | { kind: "card"; cardId: string };

/** What binding a card found: the card was new, already this holder's, or another holder's. */
export type CardBinding = { outcome: "bound" | "already_bound" } | { outcome: "refused"; holder: CardHolder };

export interface CardStore {
  /**
   * Binds a card (canonical id) to a child, guardian or member of staff; a card already bound is
   * not changed (nor its status). A new card carries `pending` when given. NOT_FOUND: no such holder.
   */
  bindCard(holder: CardHolder, cardId: string, pending?: PendingAuthority): Promise<CardBinding>;
  /** Removes the card from the roster: its next tap is an unknown card. NOT_FOUND: no such card. */
  unbindCard(cardId: string): Promise<void>;
  /** NOT_FOUND: no such card. */
  setCardStatus(cardId: string, status: CardStatus): Promise<void>;
}
