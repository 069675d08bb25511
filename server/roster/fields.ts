/** Cleaning of single cells: grades and phone numbers as schools write them. */

const CHINESE_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

export const MIN_GRADE = 1;
/** Nine-year schools (九年一贯制) run grades 1–9; the document schema allows the same. */
export const MAX_GRADE = 9;

/** "3", "3年级", "三年级", "三" → 3; undefined when it is not a grade. Range is checked by the caller. */
export function parseGrade(text: string): number | undefined {
  const match = /^\s*(\d{1,2}|[一二三四五六七八九])\s*(?:年级)?\s*$/.exec(text);
  const value = match?.[1];
  if (value === undefined) return undefined;
  return CHINESE_DIGITS[value] ?? Number(value);
}

export type PhoneResult =
  | { ok: true; phone: string }
  | { ok: false; problem: "scientific" | "phone"; value: string };

/** Keeps digits (and a leading +); separators people type are dropped so one phone matches itself. */
export function normalisePhone(text: string): PhoneResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, phone: "" };
  if (/e\+?\d+$/i.test(trimmed)) {
    return { ok: false, problem: "scientific", value: trimmed };
  }
  const phone = trimmed.replace(/[\s\-()（）]/g, "");
  if (!isChinesePhone(phone)) {
    return { ok: false, problem: "phone", value: trimmed };
  }
  return { ok: true, phone };
}

/**
 * A mobile number (11 digits from 13… to 19…, with or without +86), a landline with its area
 * code (010 12345678, 0755 1234567) or a local landline of 7–8 digits, separators removed. A
 * digit too few or too many is a typo the guard would only find when calling.
 */
export function isChinesePhone(digits: string): boolean {
  const national = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, "");
  return (
    /^1[3-9]\d{9}$/.test(national) || /^0\d{2,3}[2-9]\d{6,7}$/.test(digits) || /^[2-9]\d{6,7}$/.test(digits)
  );
}
