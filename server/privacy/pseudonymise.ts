import { createHmac, randomBytes } from "node:crypto";

/**
 * Replacing names in old journal events by pseudonyms (docs/decisions.md "Retention"). Pure but
 * for the run's key: within one purge the same name always gets the same pseudonym (a year's
 * record still shows one adult collecting a child every day), and since the key is thrown away
 * afterwards nobody can turn a pseudonym back into the name, not even by trying every name.
 */

/** Keys whose string values name a person. */
const PERSON_KEYS = new Set([
  "name",
  "username",
  "displayName",
  "childName",
  "guardianName",
  "holderName",
  "otherHolderName",
  "adultName",
  "delegateName",
  "calledName",
  "byName",
  "fromName",
  "recordedByName",
  "decidedByName",
  "createdByName",
]);
const PHONE_KEYS = new Set(["phone"]);
/** Free text a person typed, which may hold names or health details; codes (snake_case) stay. */
const TEXT_KEYS = new Set(["note", "reason", "leaveReason", "absenceReason", "earlyReason", "healthNote"]);
const CODE = /^[a-z0-9_]+$/;
export const REMOVED_TEXT = "[已删除 removed]";

export type Pseudonymiser = (name: string) => string;

export function newPseudonymiser(key: Buffer = randomBytes(32)): Pseudonymiser {
  const made = new Map<string, string>();
  return (name) => {
    let pseudonym = made.get(name);
    if (pseudonym === undefined) {
      pseudonym = `化名-${createHmac("sha256", key).update(name).digest("hex").slice(0, 8)}`;
      made.set(name, pseudonym);
    }
    return pseudonym;
  };
}

/** A copy of the value with every person's name, phone and free text replaced. */
export function pseudonymiseValue(value: unknown, pseudonym: Pseudonymiser): unknown {
  if (Array.isArray(value)) return value.map((item) => pseudonymiseValue(item, pseudonym));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === "string" && member !== "") {
      if (PERSON_KEYS.has(key)) out[key] = pseudonym(member);
      else if (PHONE_KEYS.has(key)) out[key] = "";
      else if (TEXT_KEYS.has(key) && !CODE.test(member)) out[key] = REMOVED_TEXT;
      else out[key] = member;
    } else {
      out[key] = pseudonymiseValue(member, pseudonym);
    }
  }
  return out;
}
