import { applyEvent } from "../../server/domain/day-state";
import type { Device, Pass } from "../../server/domain/entities";
import type { PassBook } from "../../server/domain/pass-decision";
import { decideTap } from "../../server/domain/tap-decision";
import { passToken } from "../../server/passes/pass-token";
import { AFTERNOON, DAY, report, type world } from "./fixtures";

/** A fixed key, so tests can also sign tokens with a different one. */
export const KEY = Buffer.alloc(32, 7).toString("base64url");
export const OTHER_KEY = Buffer.alloc(32, 9).toString("base64url");

/** 舅舅 王大力 may collect 张小明 (c1, group g1) and 张小红 (c2, group g2) for 张妈妈, on DAY. */
export function uncle(overrides: Partial<Pass> = {}): Pass {
  return {
    id: "abcdefgh2345",
    delegate: { name: "王大力", relation: "舅舅", idLast4: "123X", phone: "13900000000" },
    childIds: ["c1", "c2"],
    guardianId: "p1",
    validFrom: DAY,
    validTo: DAY,
    shortCode: "KQ7M3XPA",
    createdAt: "2026-11-22T10:00:00.000Z",
    createdBy: "u-t1",
    ...overrides,
  };
}

export function book(...passes: Pass[]): PassBook {
  return { key: KEY, passes };
}

export function tokenOf(pass: Pass, key = KEY): string {
  return passToken(key, pass);
}

export type World = ReturnType<typeof world>;

/** A scanned code at a device, decided and folded in as the day service does. */
export function scan(w: World, passes: PassBook, device: Device, text: string, at = AFTERNOON) {
  const decision = decideTap({
    ...w,
    device,
    report: report({ kind: "code", text }, at),
    now: at,
    passes,
  });
  for (const e of decision.events) applyEvent(w.state, e);
  return decision;
}
