/**
 * One error class for the whole product. The code is what travels and what screens translate;
 * the message is for logs only and never reaches a screen.
 */
export const ERROR_CODES = [
  "AUTH_REQUIRED",
  "AUTH_FORBIDDEN",
  "AUTH_BAD_CREDENTIALS",
  "AUTH_BAD_TOKEN",
  "VALIDATION_FAILED",
  "NOT_FOUND",
  "STORE_WRITE_FAILED",
  "STORE_CORRUPT",
  "PICKUP_NOT_ALLOWED",
  "PICKUP_WRONG_STATE",
  "READER_BAD_FRAME",
  "READER_OPEN_FAILED",
  "PROFILE_INVALID",
  "PROFILE_NOT_FOUND",
  "IMPORT_BAD_ROW",
  "CARD_NUMBER_INVALID",
  "CARD_ALREADY_BOUND",
  "ENROLMENT_BUSY",
  "PASS_BAD_DATES",
  "PASS_NOT_ONE_FAMILY",
  /** The day was signed off: its record is closed; corrections are amendments with a reason. */
  "DAY_CLOSED",
  /** An amendment for a day not yet signed off: use the ordinary screens. */
  "DAY_NOT_CLOSED",
  /** Signing off while children are still in school needs a note saying who looks after them. */
  "DAY_NOTE_REQUIRED",
  /** A care-room action does not fit the child's day (leave for a child already in the room, a dose given twice…). */
  "ROOM_WRONG_STATE",
  /** A leave must start today or later and cover at most LEAVE_MAX_DAYS days. */
  "LEAVE_BAD_DATES",
  /** The group is handed to the person who already has it. */
  "HANDOVER_SAME_PERSON",
  /** Only a teacher or the office can take a group over with a login (others: as a volunteer). */
  "HANDOVER_NOT_STAFF",
  "ENROLMENT_BAD_STEP",
  "GROUP_FULL",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class WanfengError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "WanfengError";
    this.code = code;
    this.details = details;
  }
}

export function isWanfengError(value: unknown): value is WanfengError {
  return value instanceof WanfengError;
}

/** What a command acknowledgement or an HTTP error body carries: a code, never internal text. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { data: T } | { error: WireError };

export function toWireError(err: unknown): WireError {
  if (isWanfengError(err)) return { code: err.code, message: err.message };
  return { code: "INTERNAL", message: "internal error" };
}
