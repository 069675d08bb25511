import type { LookAlikeKind, LookAlikePair, LookAlikeView } from "../../../protocol";
import type { RosterIndex } from "../roster-index";
import { lookAlikeKind, type NameReading, readName } from "./look-alike-rule";

/**
 * Every look-alike pair of the school, computed once per roster index (the index is rebuilt when
 * the roster changes, so the cache follows it). Whether two children look alike depends only on
 * their names, so the rule reads and compares each distinct name once, and the table is kept per
 * name: a school where 32 children share each name (the bench's) kept 157,000 matches per child
 * pair and read the same name 32 times. Names are bucketed so only candidates are compared: the
 * same reading, or the same surname and length.
 */

export interface LookAlikeMatch {
  otherId: string;
  kind: LookAlikeKind;
}

const KIND_ORDER: readonly LookAlikeKind[] = ["same_name", "same_pinyin", "similar_sound", "similar_look"];
/**
 * Per name: every child with that name (same_name) or a look-alike name, the closest kinds first,
 * then by id; a child's own list is its name's without itself. Names with no look-alike and no
 * namesake are absent.
 */
type LookAlikeTable = Map<string, readonly LookAlikeMatch[]>;
const cache = new WeakMap<RosterIndex, LookAlikeTable>();

/** The child's look-alikes, closest first; `limit` stops after that many (a guard's row shows a few). */
export function lookAlikesOf(
  roster: RosterIndex,
  childId: string,
  limit = Number.POSITIVE_INFINITY,
): LookAlikeMatch[] {
  const name = roster.children.get(childId)?.name;
  const list = name === undefined ? undefined : tableOf(roster).get(name);
  const matches: LookAlikeMatch[] = [];
  for (const match of list ?? []) {
    if (matches.length >= limit) break;
    if (match.otherId !== childId) matches.push(match);
  }
  return matches;
}

/**
 * Finds the pairs of a new roster index now, when nobody waits, instead of inside the first
 * pickup request that needs them.
 */
export function prepareLookAlikes(roster: RosterIndex): void {
  tableOf(roster);
}

function tableOf(roster: RosterIndex): LookAlikeTable {
  let table = cache.get(roster);
  if (!table) {
    table = findAll(roster);
    cache.set(roster, table);
  }
  return table;
}

function findAll(roster: RosterIndex): LookAlikeTable {
  const childrenByName = new Map<string, string[]>();
  for (const child of roster.children.values()) {
    const ids = childrenByName.get(child.name);
    if (ids) ids.push(child.id);
    else childrenByName.set(child.name, [child.id]);
  }
  const readings = new Map<string, NameReading>();
  const buckets = new Map<string, string[]>();
  for (const name of childrenByName.keys()) {
    const reading = readName(name);
    readings.set(name, reading);
    // Only names that read the same, or that differ in exactly one given-name character, can be
    // look-alikes: one key for the reading, and one per given-name position with that character
    // masked. Comparing within these small buckets, not within a surname, keeps a school of
    // thousands (hundreds of 王) to a few milliseconds.
    const keys = new Set([`p:${reading.syllables.join(" ")}`, ...maskedKeys(reading.chars)]);
    for (const key of keys) {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(name);
      else buckets.set(key, [name]);
    }
  }
  const alike = new Map<string, Map<string, LookAlikeKind>>();
  for (const names of buckets.values()) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = names[i] as string;
        const b = names[j] as string;
        const kind = lookAlikeKind(readings.get(a) as NameReading, readings.get(b) as NameReading);
        if (kind) {
          note(alike, a, b, kind);
          note(alike, b, a, kind);
        }
      }
    }
  }
  const table: LookAlikeTable = new Map();
  for (const [name, ids] of childrenByName) {
    const others = alike.get(name);
    if (ids.length < 2 && !others) continue;
    const list: LookAlikeMatch[] = ids.map((otherId) => ({ otherId, kind: "same_name" as const }));
    for (const [otherName, kind] of others ?? []) {
      for (const otherId of childrenByName.get(otherName) ?? []) list.push({ otherId, kind });
    }
    list.sort(
      (x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || x.otherId.localeCompare(y.otherId),
    );
    table.set(name, list);
  }
  return table;
}

function maskedKeys(chars: readonly string[]): string[] {
  const keys: string[] = [];
  for (let i = 1; i < chars.length; i++) {
    keys.push(`m:${chars.map((c, j) => (j === i ? "\u0000" : c)).join("")}`);
  }
  return keys;
}

function note(
  found: Map<string, Map<string, LookAlikeKind>>,
  a: string,
  b: string,
  kind: LookAlikeKind,
): void {
  const others = found.get(a) ?? new Map<string, LookAlikeKind>();
  others.set(b, kind);
  found.set(a, others);
}

/** What a screen shows of the other child: enough to tell them apart (class, group, photo). */
export function lookAlikeView(roster: RosterIndex, match: LookAlikeMatch): LookAlikeView | undefined {
  const child = roster.children.get(match.otherId);
  if (!child) return undefined;
  const view: LookAlikeView = {
    childId: child.id,
    name: child.name,
    grade: child.grade,
    className: child.className,
    groupName: roster.groups.get(child.groupId)?.name ?? child.groupId,
    kind: match.kind,
  };
  if (child.photo) view.photo = child.photo;
  return view;
}

/** The office's list: every pair once, the closest kinds first. */
export function lookAlikePairs(roster: RosterIndex): LookAlikePair[] {
  const pairs: LookAlikePair[] = [];
  for (const child of roster.children.values()) {
    for (const match of lookAlikesOf(roster, child.id)) {
      if (match.otherId < child.id) continue;
      const a = lookAlikeView(roster, { otherId: child.id, kind: match.kind });
      const b = lookAlikeView(roster, match);
      if (a && b) pairs.push({ a, b, kind: match.kind });
    }
  }
  return pairs.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
}
