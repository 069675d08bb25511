import type { AnnounceSettings, GroupInput, HealthNotes } from "../../protocol";
import type {
  Card,
  CardHolder,
  CardStatus,
  Child,
  Group,
  Guardian,
  Guardianship,
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
}

/** What binding a card found: the card was new, already this holder's, or another holder's. */
export type CardBinding = { outcome: "bound" | "already_bound" } | { outcome: "refused"; holder: CardHolder };

export interface CardStore {
  /**
   * Binds a card (canonical id) to a child, guardian or member of staff; a card already bound is
   * not changed (nor its status). NOT_FOUND: no such holder.
   */
  bindCard(holder: CardHolder, cardId: string): Promise<CardBinding>;
  /** NOT_FOUND: no such card. */
  setCardStatus(cardId: string, status: CardStatus): Promise<void>;
}
