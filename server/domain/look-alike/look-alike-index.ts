import type { LookAlikeKind, LookAlikePair, LookAlikeView } from "../../../protocol";
import type { RosterIndex } from "../roster-index";
import { lookAlikeKind, type NameReading, readName } from "./look-alike-rule";

/**
 * Every look-alike pair of the school, computed once per roster index (the index is rebuilt when
 * the roster changes, so the cache follows it). Names are bucketed so a school of a few thousand
 * children compares only candidates: the same reading, or the same surname and length.
 */

export interface LookAlikeMatch {
  otherId: string;
  kind: LookAlikeKind;
}

const KIND_ORDER: readonly LookAlikeKind[] = ["same_name", "same_pinyin", "similar_sound", "similar_look"];
const cache = new WeakMap<RosterIndex, Map<string, LookAlikeMatch[]>>();

export function lookAlikesOf(roster: RosterIndex, childId: string): LookAlikeMatch[] {
  return matchesOf(roster).get(childId) ?? [];
}

/**
 * Finds the pairs of a new roster index now, when nobody waits (a school of 5,000 takes tens of
 * milliseconds), instead of inside the first pickup request that needs them.
 */
export function prepareLookAlikes(roster: RosterIndex): void {
  matchesOf(roster);
}

function matchesOf(roster: RosterIndex): Map<string, LookAlikeMatch[]> {
  let matches = cache.get(roster);
  if (!matches) {
    matches = findAll(roster);
    cache.set(roster, matches);
  }
  return matches;
}

function findAll(roster: RosterIndex): Map<string, LookAlikeMatch[]> {
  const readings = new Map<string, NameReading>();
  const buckets = new Map<string, string[]>();
  for (const child of roster.children.values()) {
    const reading = readName(child.name);
    readings.set(child.id, reading);
    // Only names that read the same, or that differ in exactly one given-name character, can be
    // look-alikes: one key for the reading, and one per given-name position with that character
    // masked. Comparing within these small buckets, not within a surname, keeps a school of
    // thousands (hundreds of 王) to a few milliseconds.
    const keys = new Set([`p:${reading.syllables.join(" ")}`, ...maskedKeys(reading.chars)]);
    for (const key of keys) {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(child.id);
      else buckets.set(key, [child.id]);
    }
  }
  const found = new Map<string, Map<string, LookAlikeKind>>();
  for (const ids of buckets.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] as string;
        const b = ids[j] as string;
        const kind = lookAlikeKind(readings.get(a) as NameReading, readings.get(b) as NameReading);
        if (kind) {
          note(found, a, b, kind);
          note(found, b, a, kind);
        }
      }
    }
  }
  const result = new Map<string, LookAlikeMatch[]>();
  for (const [id, others] of found) {
    const list = [...others].map(([otherId, kind]) => ({ otherId, kind }));
    list.sort(
      (x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || x.otherId.localeCompare(y.otherId),
    );
    result.set(id, list);
  }
  return result;
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
