import type { Schedule } from "../../../protocol/care-schedule";
import type { Card } from "./card";
import type { Device } from "./device";
import type { Duty, Enrolment, SpecialCare } from "./office";
import type { Child, Group, Guardian, Guardianship, Room } from "./roster";
import type { Settings } from "./settings";
import type { User } from "./staff";

/**
 * The whole school's roster at one moment, read at once: what the day's index (who is expected,
 * whose card is whose) and the office's overview are built from. A school of a few thousand
 * children is small enough to read whole; everything that grows by the day (events) is not here.
 * Optional parts follow their defaults when absent (no enrolment records: enrolled; no schedule:
 * DEFAULT_SCHEDULE).
 */
export interface SchoolRoster {
  readonly settings: Settings;
  readonly rooms: readonly Room[];
  readonly groups: readonly Group[];
  readonly children: readonly Child[];
  readonly guardians: readonly Guardian[];
  readonly guardianships: readonly Guardianship[];
  readonly cards: readonly Card[];
  readonly users: readonly User[];
  readonly devices: readonly Device[];
  readonly schedule?: Schedule | undefined;
  readonly enrolments?: readonly Enrolment[] | undefined;
  readonly specialCare?: readonly SpecialCare[] | undefined;
  readonly duties?: readonly Duty[] | undefined;
}
