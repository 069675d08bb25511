import { createLogger } from "../../common/log";
import { dueGateEvents } from "../domain/gate/gate-due";
import type { DayService } from "./day-service";

const log = createLogger("gate-clock");

/** How often the gate clock looks for alarms and late children; the alarm is thus at most this late. */
export const GATE_CLOCK_MS = 15_000;

/**
 * Time-driven facts at the gate (docs/decisions.md "Gate"): nothing is tapped when a released
 * child's ten minutes run out or care ends, so every few seconds the day service decides
 * `dueGateEvents` against its own clock and records what is due, once. Returns the stop function.
 */
export function startGateClock(day: DayService, everyMs = GATE_CLOCK_MS): () => void {
  let running = false;
  const tick = async () => {
    // A slow fsync must not let two ticks decide the same alarm twice.
    if (running) return;
    running = true;
    try {
      await checkGateClock(day);
    } catch (err) {
      log.error({ err }, "gate clock check failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** One check: records the alarms and late marks due now. */
export async function checkGateClock(day: DayService): Promise<void> {
  await day.recordDecision((roster, state, now) => ({
    result: undefined,
    events: dueGateEvents(roster, state, now),
  }));
}
