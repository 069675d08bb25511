import type { Duty, Enrolment, Pass, RosterLeave, Schedule, SpecialCare } from "../domain/entities";
import type { PassBook } from "../domain/pass-decision";

/** The office's paperwork (rule 1) and the duty roster (rule 2). */
export interface OfficeStore {
  /** NOT_FOUND: no such child. */
  addEnrolment(record: Enrolment): Promise<void>;
  /** Replaces a record by what `step` makes of it, in one transaction. NOT_FOUND: no such record. */
  changeEnrolment(enrolmentId: string, step: (current: Enrolment) => Enrolment): Promise<void>;
  /** NOT_FOUND: no such child or group. */
  addSpecialCare(item: SpecialCare): Promise<void>;
  /** NOT_FOUND: no such item. */
  removeSpecialCare(id: string): Promise<void>;
  /** NOT_FOUND: no such group, or no such user for a teacher's line. */
  addDuty(duty: Duty): Promise<void>;
  /** NOT_FOUND: no such line. */
  removeDuty(id: string): Promise<void>;
}

/** The timetable (作息时间); it is read with the roster (SchoolRoster.schedule). */
export interface ScheduleStore {
  setSchedule(schedule: Schedule): Promise<void>;
}

/** Delegate passes (亲友代接) and the key that signs their tokens. */
export interface PassStore {
  /** Every pass, with the signing key (absent until the first pass). */
  passBook(): PassBook;
  /**
   * Stores the pass `make` returns for the passes already there (so its id and short code can be
   * unique), creating the signing key with `newKey` on the first pass, in one transaction.
   */
  createPass(make: (existing: readonly Pass[]) => Pass, newKey: () => string): Promise<Pass>;
  /** Marks a pass revoked; an unknown or already revoked pass is left as it is. */
  revokePass(passId: string, at: string, byUserId: string): Promise<void>;
}

/** The leave register (请假): today's and future leaves. */
export interface LeaveStore {
  leaves(): readonly RosterLeave[];
  addLeave(leave: RosterLeave): Promise<void>;
  /** An unknown leave is ignored. */
  cancelLeave(leaveId: string, cancel: { at: string; byUserId: string; reason: string }): Promise<void>;
}
