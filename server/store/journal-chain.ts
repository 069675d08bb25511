import { createHash } from "node:crypto";

/**
 * The journal's hash chain (issue 10, "a record that shows tampering"; docs/decisions.md "Hash
 * chain"). Each line of a day file carries `chain: { prev, hash }`: `hash` is SHA-256 over the
 * previous line's hash and the event's canonical encoding (keys sorted, as JSON), so changing,
 * removing or reordering a line breaks every hash after it. A day's first chained line has
 * `prev` GENESIS. Lines written before the chain existed carry none: the chain starts at the
 * first chained line, and an unchained line after it is a break.
 */

export const GENESIS = "0".repeat(64);

export interface ChainLink {
  prev: string;
  hash: string;
  /**
   * Set by a retention purge that replaced names in the line by pseudonyms (the id of its entry in
   * the change record): the line keeps its original hash, so the chain and every later hash (and
   * a sign-off's printed head) still hold; only its link to `prev` is checked, and the audit
   * checks that the change record holds that purge for the day.
   */
  pseudonymised?: string;
}

/** JSON with every object's keys sorted and undefined members left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(JSON.parse(JSON.stringify(value)) as unknown));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
  return out;
}

export function chainHash(prev: string, event: unknown): string {
  return createHash("sha256").update(prev).update("\n").update(canonicalJson(event)).digest("hex");
}

/** The journal line for an event after `prev`, and the new head. */
export function chainedLine(prev: string, event: object): { line: string; hash: string } {
  const hash = chainHash(prev, event);
  return { line: `${JSON.stringify({ ...event, chain: { prev, hash } })}\n`, hash };
}

/** The event a line holds, without its link. */
export function withoutLink<T extends object>(value: T): T {
  if (!("chain" in value)) return value;
  const { chain: _, ...event } = value as T & { chain: unknown };
  return event as T;
}

export interface ChainBreak {
  /** 1-based line in the day file. */
  line: number;
  eventId?: string;
  reason: "unreadable" | "hash_mismatch" | "prev_mismatch" | "link_missing" | "pseudonym_unrecorded";
}

/** The first line a purge pseudonymised, per purge. */
export interface PseudonymisedLines {
  purgeId: string;
  line: number;
  eventId?: string;
}

export interface ChainReport {
  /** Complete lines read. */
  lines: number;
  /** Lines before the first chained one (written before the chain existed): not verifiable. */
  unchained: number;
  /** The last good hash (the day's head), when any line is chained. */
  head?: string;
  broken?: ChainBreak;
  /** Lines whose names a purge replaced: linked, but their content cannot be checked. */
  pseudonymised?: PseudonymisedLines[];
}

/** Checks one day file's text; stops at the first broken entry. A torn last line is not read. */
export function verifyChain(text: string): ChainReport {
  const lines = text.split("\n");
  lines.pop();
  let head: string | undefined;
  let unchained = 0;
  const purged = new Map<string, PseudonymisedLines>();
  const report = (broken?: ChainBreak): ChainReport => ({
    lines: lines.length,
    unchained,
    ...(head ? { head } : {}),
    ...(broken ? { broken } : {}),
    ...(purged.size > 0 ? { pseudonymised: [...purged.values()] } : {}),
  });
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (raw.trim() === "") continue;
    const line = i + 1;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw) as Record<string, unknown>;
      if (typeof value !== "object" || value === null) throw new Error("not an object");
    } catch {
      return report({ line, reason: "unreadable" });
    }
    const eventId = typeof value.id === "string" ? value.id : undefined;
    const at = (reason: ChainBreak["reason"]) => ({ line, reason, ...(eventId ? { eventId } : {}) });
    const link = value.chain as Partial<ChainLink> | undefined;
    if (!link || typeof link.hash !== "string" || typeof link.prev !== "string") {
      if (head !== undefined) return report(at("link_missing"));
      unchained += 1;
      continue;
    }
    if (link.prev !== (head ?? GENESIS)) return report(at("prev_mismatch"));
    if (typeof link.pseudonymised === "string") {
      const purgeId = link.pseudonymised;
      if (!purged.has(purgeId)) purged.set(purgeId, { purgeId, line, ...(eventId ? { eventId } : {}) });
    } else if (chainHash(link.prev, withoutLink(value)) !== link.hash) {
      return report(at("hash_mismatch"));
    }
    head = link.hash;
  }
  return report();
}

/** The hash of the last chained line of a day file's text (the next line's `prev`), or GENESIS. */
export function headOf(text: string): string {
  const lines = text.split("\n");
  lines.pop();
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const link = (JSON.parse(lines[i] ?? "") as { chain?: Partial<ChainLink> }).chain;
      if (typeof link?.hash === "string") return link.hash;
    } catch {
      // A damaged line: keep looking back; `audit verify` reports it.
    }
  }
  return GENESIS;
}
