import type { Logger } from "../../common/log";
import type { StoreChange, StoreChangeKind } from "../ports/changes";
import { sameJson } from "./same-json";
import type { Db } from "./schema";

/** Which kind of data each part of the document holds. */
const KIND_OF_KEY: Record<Exclude<keyof Db, "schemaVersion">, StoreChangeKind> = {
  settings: "settings",
  rooms: "roster",
  groups: "roster",
  children: "roster",
  guardians: "roster",
  guardianships: "roster",
  cards: "cards",
  users: "users",
  sessions: "sessions",
  devices: "devices",
  passes: "passes",
  passKey: "passes",
  schedule: "schedule",
  leaves: "leaves",
  enrolments: "enrolments",
  specialCare: "enrolments",
  duties: "duties",
};

/** The kinds of data that differ between two versions of the document. */
export function changedKinds(before: Db, after: Db): Set<StoreChangeKind> {
  const kinds = new Set<StoreChangeKind>();
  for (const [key, kind] of Object.entries(KIND_OF_KEY) as [keyof typeof KIND_OF_KEY, StoreChangeKind][]) {
    if (kinds.has(kind)) continue;
    // Parts a change left alone are the same objects (applyChange); others compare by content.
    if (!sameJson(before[key], after[key])) kinds.add(kind);
  }
  return kinds;
}

/** Listeners of a document store's changes; one failing listener does not stop the others. */
export class ChangeAnnouncer {
  readonly #listeners = new Set<(change: StoreChange) => void>();

  constructor(private readonly log: Logger) {}

  get size(): number {
    return this.#listeners.size;
  }

  add(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  announce(before: Db, after: Db, external: boolean): void {
    if (this.#listeners.size === 0) return;
    const kinds = changedKinds(before, after);
    if (kinds.size === 0) return;
    for (const listener of this.#listeners) {
      try {
        listener({ kinds, external });
      } catch (err) {
        this.log.error({ err }, "store change listener failed");
      }
    }
  }
}
