import { hash as digest } from "node:crypto";

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

/**
 * JSON with every object's keys sorted and undefined members left out, as JSON.stringify does.
 *
 * Every hash in every journal, change record and database row was computed over this encoding as
 * it was first written: `JSON.stringify` of a copy whose keys were inserted in sorted order. An
 * object puts keys that are array indices ("0", "17") first, in numeric order, whatever the
 * insertion order, so that is the order here too; and a `__proto__` member never became a key of
 * the copy, so it is left out. Written in one pass (no copy of the event) because it runs for every
 * event written; libraries with sorted keys (safe-stable-stringify, fast-json-stable-stringify)
 * order index keys as strings ("10" before "9"), which would change those hashes.
 */
export function canonicalJson(value: unknown): string {
  const text = encode(value, "");
  if (text === undefined) throw new TypeError(`no JSON encoding for ${typeof value}`);
  return text;
}

function encode(raw: unknown, key: string): string | undefined {
  let value = raw;
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      throw new TypeError("a BigInt has no JSON encoding");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return encode(value.valueOf(), key);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => encode(item, String(i)) ?? "null").join(",")}]`;
  }
  const object = value as Record<string, unknown>;
  let members = "";
  for (const name of orderedKeys(Object.keys(object))) {
    const member = encode(object[name], name);
    if (member === undefined) continue;
    members = `${members}${members === "" ? "" : ","}${quoted(name)}:${member}`;
  }
  return `{${members}}`;
}

/** Names as JSON strings: an event's few dozen names are quoted once, not for every event. */
const quotedNames = new Map<string, string>();
const MAX_QUOTED_NAMES = 4096;

function quoted(name: string): string {
  let text = quotedNames.get(name);
  if (text === undefined) {
    text = JSON.stringify(name);
    if (quotedNames.size < MAX_QUOTED_NAMES) quotedNames.set(name, text);
  }
  return text;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  return ARRAY_INDEX.test(key) && Number(key) <= MAX_ARRAY_INDEX;
}

/** The order JSON.stringify gives the keys of an object built by inserting them sorted. */
function orderedKeys(keys: string[]): string[] {
  const named = keys.includes("__proto__") ? keys.filter((k) => k !== "__proto__") : keys;
  if (!named.some(isArrayIndex)) return sortInPlace(named);
  const indices = named.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...sortInPlace(named.filter((k) => !isArrayIndex(k)))];
}

/**
 * Sorts names as Array.prototype.sort does (by UTF-16 code units), by insertion: an event has a
 * dozen names, and the built-in sort allocated a work array for every object encoded.
 */
function sortInPlace(names: string[]): string[] {
  for (let i = 1; i < names.length; i++) {
    const name = names[i] as string;
    let j = i - 1;
    while (j >= 0 && (names[j] as string) > name) {
      names[j + 1] = names[j] as string;
      j--;
    }
    names[j + 1] = name;
  }
  return names;
}

export function chainHash(prev: string, event: unknown): string {
  return linkHash(prev, canonicalJson(event));
}

/** SHA-256 over the previous hash, a newline and the event's canonical text. */
function linkHash(prev: string, canonical: string): string {
  // One call: a Hash object (createHash, two updates, digest) cost twice the encoding of the event.
  return digest("sha256", `${prev}\n${canonical}`, "hex");
}

/**
 * The journal line for an event after `prev`, and the new head. The line is the canonical text
 * the hash is over, with the link as its last member: every event is encoded once (a reader
 * parses the line, so the order of its keys means nothing to it).
 */
export function chainedLine(prev: string, event: object): { line: string; hash: string } {
  const canonical = canonicalJson(event);
  // The link goes inside the object's braces: an array, or a value whose toJSON is not an object, has none.
  if (!canonical.startsWith("{")) throw new TypeError("a journal entry is a JSON object");
  const hash = linkHash(prev, canonical);
  const link = `"chain":{"prev":${JSON.stringify(prev)},"hash":"${hash}"}`;
  const members = canonical.slice(1, -1);
  return { line: `{${members === "" ? "" : `${members},`}${link}}\n`, hash };
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
  const verifier = new ChainVerifier();
  for (const line of lines) verifier.add(line);
  return verifier.report();
}

/**
 * verifyChain one line at a time, so a day file can be read as a stream (a school day is ~10 MB
 * of text; whole, it was the server's largest allocation at start). `add` takes each complete
 * line in order (without its newline); after the first break it only counts lines (the report
 * names the first break and how many lines the file has).
 */
export class ChainVerifier {
  #lines = 0;
  #unchained = 0;
  #head: string | undefined;
  #broken: ChainBreak | undefined;
  readonly #purged = new Map<string, PseudonymisedLines>();

  add(raw: string): void {
    this.#lines += 1;
    if (this.#broken) return;
    if (raw.trim() === "") return;
    const line = this.#lines;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw) as Record<string, unknown>;
      if (typeof value !== "object" || value === null) throw new Error("not an object");
    } catch {
      this.#broken = { line, reason: "unreadable" };
      return;
    }
    const eventId = typeof value.id === "string" ? value.id : undefined;
    const at = (reason: ChainBreak["reason"]): ChainBreak => ({
      line,
      reason,
      ...(eventId ? { eventId } : {}),
    });
    const link = value.chain as Partial<ChainLink> | undefined;
    if (!link || typeof link.hash !== "string" || typeof link.prev !== "string") {
      if (this.#head !== undefined) {
        this.#broken = at("link_missing");
        return;
      }
      this.#unchained += 1;
      return;
    }
    if (link.prev !== (this.#head ?? GENESIS)) {
      this.#broken = at("prev_mismatch");
      return;
    }
    if (typeof link.pseudonymised === "string") {
      const purgeId = link.pseudonymised;
      if (!this.#purged.has(purgeId))
        this.#purged.set(purgeId, { purgeId, line, ...(eventId ? { eventId } : {}) });
    } else if (chainHash(link.prev, withoutLink(value)) !== link.hash) {
      this.#broken = at("hash_mismatch");
      return;
    }
    this.#head = link.hash;
  }

  report(): ChainReport {
    return {
      lines: this.#lines,
      unchained: this.#unchained,
      ...(this.#head ? { head: this.#head } : {}),
      ...(this.#broken ? { broken: this.#broken } : {}),
      ...(this.#purged.size > 0 ? { pseudonymised: [...this.#purged.values()] } : {}),
    };
  }
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
