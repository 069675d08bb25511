import type { DayEvent } from "../../server/domain/events";
import { DAY } from "../domain/fixtures";

/**
 * Recorded event lists for the archive tests: a day written the way the journal holds it, with
 * times on the school's clock (Asia/Shanghai, +08:00) so each test reads like a timetable.
 */
let seq = 0;

export function at(time: string, day = DAY): string {
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

/** The instant of "HH:MM" on the school's clock (DAY unless told otherwise). */
export function moment(time: string, day = DAY): Date {
  return new Date(at(time, day));
}

function base(time: string, day: string) {
  seq += 1;
  return { id: `e${seq}`, day, at: at(time, day), actor: { kind: "user" as const, id: "u-teacher" } };
}

export const ev = {
  checkIn: (childId: string, time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "child:checked_in",
    childId,
    via: "card",
  }),
  request: (childId: string, guardianId: string, time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "pickup:requested",
    childId,
    guardianId,
    deviceId: "d-gate",
  }),
  release: (childId: string, time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "child:released",
    childId,
  }),
  collect: (childId: string, time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "child:collected",
    childId,
  }),
  leave: (childId: string, reason: string, by: string, time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "leave:recorded",
    childId,
    reason,
    requestedBy: by,
  }),
  reception: (childId: string, time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "child:movedToReception",
    childId,
    roomName: "接待室",
    byName: "保安",
  }),
  call: (childId: string, reached: boolean, note: string, time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "contact:logged",
    childId,
    guardianId: "p2",
    calledName: "李爸爸",
    relation: "爸爸",
    reached,
    note,
    byName: "保安",
  }),
  unknownCard: (time: string, day = DAY): DayEvent => ({
    ...base(time, day),
    type: "alert:raised",
    kind: "unknown_card",
    severity: "warning",
    deviceId: "d-gate",
    cardId: "0123456789",
  }),
};

/** The whole pickup of one child: checked in, asked for by a guardian, released, collected. */
export function fullPickup(
  childId: string,
  guardianId: string,
  times: [string, string, string, string],
  day = DAY,
) {
  return [
    ev.checkIn(childId, times[0], day),
    ev.request(childId, guardianId, times[1], day),
    ev.release(childId, times[2], day),
    ev.collect(childId, times[3], day),
  ];
}
