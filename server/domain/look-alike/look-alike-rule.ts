import { pinyin } from "pinyin-pro";
import type { LookAlikeKind } from "../../../protocol";
import { lookAlikeCharacters } from "./confusable-characters";

/**
 * When two children's names could be mistaken for each other (docs/decisions.md "Look-alike
 * names"): the same characters; the same reading with tones ignored (homophones, 王子涵 / 王梓涵);
 * or the same surname and length with one given-name character different, where the two
 * characters sound alike under the usual confusions (zh/z, ch/c, sh/s, n/l, f/h, -ng/-n) or
 * look alike (a hand-kept table). Pure: pinyin-pro reads the characters, nothing else.
 */

export interface NamedChild {
  id: string;
  name: string;
}

/** A child's name as the rule compares it: its characters and their toneless syllables. */
export interface NameReading {
  chars: string[];
  syllables: string[];
}

export function readName(name: string): NameReading {
  const chars = Array.from(name.trim());
  // `surname: "head"` reads the first character as a surname (单 shan, 曾 zeng, 解 xie).
  const syllables = pinyin(chars.join(""), { toneType: "none", type: "array", surname: "head", v: true });
  return { chars, syllables: syllables.length === chars.length ? syllables : chars };
}

/** How two names look alike, or undefined when a guard would not mix them up. */
export function lookAlikeKind(a: NameReading, b: NameReading): LookAlikeKind | undefined {
  if (a.chars.join("") === b.chars.join("")) return "same_name";
  if (a.syllables.join(" ") === b.syllables.join(" ")) return "same_pinyin";
  const at = oneGivenNameDifference(a, b);
  if (at === undefined) return undefined;
  const sa = a.syllables[at] ?? "";
  const sb = b.syllables[at] ?? "";
  if (blurred(sa) === blurred(sb)) return "similar_sound";
  if (lookAlikeCharacters(a.chars[at] ?? "", b.chars[at] ?? "")) return "similar_look";
  return undefined;
}

/** The one position (after the surname) where the names differ, when they differ only there. */
function oneGivenNameDifference(a: NameReading, b: NameReading): number | undefined {
  if (a.chars.length !== b.chars.length || a.chars.length < 2) return undefined;
  if (a.chars[0] !== b.chars[0]) return undefined;
  let at: number | undefined;
  for (let i = 1; i < a.chars.length; i++) {
    if (a.chars[i] === b.chars[i]) continue;
    if (at !== undefined) return undefined;
    at = i;
  }
  return at;
}

const INITIAL = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$/;
const BLURRED_INITIALS: Record<string, string> = { zh: "z", ch: "c", sh: "s", n: "l", f: "h" };
const BLURRED_FINALS: [RegExp, string][] = [
  [/ang$/, "an"],
  [/eng$/, "en"],
  [/ing$/, "in"],
];

/** A syllable as an ear that confuses the usual pairs hears it. */
export function blurred(syllable: string): string {
  const [, initial = "", final = ""] = INITIAL.exec(syllable) ?? [];
  let f = final;
  for (const [pattern, to] of BLURRED_FINALS) f = f.replace(pattern, to);
  return (BLURRED_INITIALS[initial] ?? initial) + f;
}
