import { randomUUID } from "node:crypto";
import { applyEvent } from "../../server/domain/day-state";
import type { DayEvent } from "../../server/domain/events";
import type { GateCommandContext } from "../../server/domain/gate/gate-commands";
import type { world } from "./fixtures";

export type World = ReturnType<typeof world>;

/** An instant on DAY (Monday 2026-11-23, winter time) by the Shanghai wall clock, "HH:MM[:SS]". */
export function at(local: string): Date {
  return new Date(`2026-11-23T${local.length === 5 ? `${local}:00` : local}+08:00`);
}

/** Grades 1–2: window 16:40–16:50, care ends 17:00; grade 3: 16:50–17:00, care ends 17:10. */
export const BEFORE_WINDOW = at("15:30");

export function guardCtx(w: World, now: Date): GateCommandContext {
  return { ...w, now, user: { id: "u-guard", name: "保安老王" }, newId: randomUUID };
}

/** Folds events in as the day service does after they are durable. */
export function record(w: World, events: readonly DayEvent[]): readonly DayEvent[] {
  for (const e of events) applyEvent(w.state, e);
  return events;
}
