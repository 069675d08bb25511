/**
 * What every day event carries. Apart from events.ts, which lists every event in `DayEvent`, so the
 * gate's and the room's event modules can build on it without importing the list they belong to.
 */

export type Actor = { kind: "device"; id: string } | { kind: "user"; id: string } | { kind: "system" };

export interface EventBase {
  id: string;
  /** The school day (YYYY-MM-DD in the school's zone) the event belongs to. */
  day: string;
  /** When it was recorded (server clock), ISO. */
  at: string;
  actor: Actor;
  /** Recorded after the day was signed off (a tap: the gate never stops); the archive flags it. */
  afterSignOff?: true;
}
