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

export type PhoneResult = { ok: true; phone: string } | { ok: false; message: string };

/** Keeps digits (and a leading +); separators people type are dropped so one phone matches itself. */
export function normalisePhone(text: string): PhoneResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, phone: "" };
  if (/e\+?\d+$/i.test(trimmed)) {
    return {
      ok: false,
      message: `${trimmed} looks like Excel's scientific notation: format the phone column as text and export again`,
    };
  }
  const phone = trimmed.replace(/[\s\-()（）]/g, "");
  if (!/^\+?\d{5,20}$/.test(phone)) return { ok: false, message: `not a phone number: ${trimmed}` };
  return { ok: true, phone };
}
