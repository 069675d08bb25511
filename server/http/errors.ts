import type { ErrorRequestHandler, Response } from "express";
import { createLogger } from "../../common/log";
import { type ErrorCode, isWanfengError, toWireError } from "../../protocol";

const log = createLogger("http");

const STATUS: Partial<Record<ErrorCode, number>> = {
  AUTH_REQUIRED: 401,
  AUTH_BAD_CREDENTIALS: 401,
  AUTH_BAD_TOKEN: 401,
  AUTH_FORBIDDEN: 403,
  VALIDATION_FAILED: 400,
  IMPORT_BAD_ROW: 400,
  CARD_NUMBER_INVALID: 400,
  NOT_FOUND: 404,
  PICKUP_WRONG_STATE: 409,
  PICKUP_NOT_ALLOWED: 409,
  DAY_CLOSED: 409,
  DAY_NOT_CLOSED: 409,
  DAY_NOTE_REQUIRED: 409,
  ENROLMENT_BAD_STEP: 409,
  GROUP_FULL: 409,
  CARD_ALREADY_BOUND: 409,
};

export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(STATUS[code] ?? 500).json({ error: { code, message } });
}

/** Last handler: coded errors keep their code; anything else is logged and reaches the client as INTERNAL. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (isWanfengError(err)) {
    sendError(res, err.code, err.message);
    return;
  }
  // body-parser marks its own errors (malformed JSON, too large) with a status < 500.
  const status = typeof err === "object" && err !== null && "status" in err ? Number(err.status) : 500;
  if (status >= 400 && status < 500) {
    sendError(res, "VALIDATION_FAILED", "malformed request body");
    return;
  }
  log.error({ err, path: req.path }, "request failed");
  const wire = toWireError(err);
  res.status(500).json({ error: wire });
};
