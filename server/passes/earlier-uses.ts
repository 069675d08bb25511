import type { DayState } from "../domain/day-state";
import type { EventJournal } from "../domain/events";
import type { PassBook } from "../domain/pass-decision";

/**
 * A pass for a date range is used once in the whole range, but the day state is rebuilt from one
 * day's journal. At the start of a day, the earlier days of every pass still valid today are read
 * for its `pass:used` event, so a pass used on Monday is refused on Tuesday, after a restart too.
 * Ranges are at most PASS_MAX_DAYS long, so this reads a few small files at most.
 */
export async function seedEarlierPassUses(
  state: DayState,
  journal: EventJournal,
  book: PassBook,
): Promise<void> {
  const open = book.passes.filter((p) => !p.revokedAt && p.validFrom < state.day && state.day <= p.validTo);
  if (open.length === 0) return;
  const ids = new Set(open.map((p) => p.id));
  // ISO dates sort as text.
  const first = open.map((p) => p.validFrom).sort()[0] ?? state.day;
  for (let day = first; day < state.day; day = nextDay(day)) {
    for (const event of await journal.readDay(day)) {
      if (event.type !== "pass:used" || !ids.has(event.passId) || state.passUses.has(event.passId)) continue;
      state.passUses.set(event.passId, { day: event.day, at: event.at, deviceId: event.deviceId });
    }
  }
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
