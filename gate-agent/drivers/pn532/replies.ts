import { uidCardId } from "../../../protocol/card-number";
import type { DriverContext } from "../types";
import { type FirmwareVersion, parseFirmwareVersion, parsePassiveTarget } from "./commands";

/** What an outstanding command is for: the set-up (SAM, firmware), a health check, or a poll. */
export type Purpose = "setup" | "firmware" | "health" | "poll";

export type ReplyOutcome =
  | { kind: "sam" }
  | { kind: "firmware"; firmware: FirmwareVersion }
  /** A poll answered: with a card (already passed to ctx.read) or with none. */
  | { kind: "polled" }
  /** A reply with the right code but unusable content (already passed to ctx.reject). */
  | { kind: "failed" };

/**
 * What a reply (matched to its command by code) means. Pure apart from the ctx calls, so the
 * driver's state machine only deals with order and time.
 */
export function handleReply(
  purpose: Purpose,
  data: Buffer,
  rawHex: string,
  ctx: DriverContext,
): ReplyOutcome {
  switch (purpose) {
    case "setup":
      return { kind: "sam" };
    case "firmware":
    case "health": {
      const parsed = parseFirmwareVersion(data);
      if ("error" in parsed) {
        ctx.reject("pn532:bad-reply", rawHex, parsed.error);
        return { kind: "failed" };
      }
      return { kind: "firmware", firmware: parsed.ok };
    }
    case "poll": {
      const parsed = parsePassiveTarget(data);
      // A checksummed reply that makes no sense is not a link problem: count it and poll again.
      if ("error" in parsed) ctx.reject("pn532:bad-target", rawHex, parsed.error);
      else if (parsed.ok) ctx.read({ kind: "card", cardId: uidCardId(parsed.ok.uid) }, rawHex);
      return { kind: "polled" };
    }
  }
}
