/**
 * Another child of the school whose name could be mistaken for this one's when called at the gate
 * or read on a screen (issue 10, "look-alike warning"). The rule lives on the server
 * (server/domain/look-alike/); screens show what it found.
 */

export const LOOK_ALIKE_KINDS = [
  /** The very same characters. */
  "same_name",
  /** Different characters read the same (tones ignored): 王子涵 / 王梓涵. */
  "same_pinyin",
  /** Same surname, one character different, the two sound alike (zh/z, n/l, an/ang…). */
  "similar_sound",
  /** Same surname, one character different, the two look alike (己/已, 未/末…). */
  "similar_look",
] as const;
export type LookAlikeKind = (typeof LOOK_ALIKE_KINDS)[number];

export interface LookAlikeView {
  childId: string;
  name: string;
  grade: number;
  className: string;
  groupName: string;
  photo?: string;
  kind: LookAlikeKind;
}

/** One pair of look-alike names, for the office's list. */
export interface LookAlikePair {
  a: LookAlikeView;
  b: LookAlikeView;
  kind: LookAlikeKind;
}
