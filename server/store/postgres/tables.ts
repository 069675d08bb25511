import type { StoreChangeKind } from "../../ports/changes";
import { DEVICES_TABLE, SESSIONS_TABLE, USERS_TABLE } from "./access-tables";
import {
  DUTIES_TABLE,
  ENROLMENTS_TABLE,
  LEAVES_TABLE,
  PASS_KEY_TABLE,
  PASSES_TABLE,
  SCHEDULE_TABLE,
  SPECIAL_CARE_TABLE,
} from "./care-tables";
import {
  CARDS_TABLE,
  CHILDREN_TABLE,
  GROUPS_TABLE,
  GUARDIANS_TABLE,
  GUARDIANSHIPS_TABLE,
  ROOMS_TABLE,
  SETTINGS_TABLE,
} from "./roster-tables";
import type { TableSpec } from "./table-spec";

/** Every table of a school's data, parents before the rows that point at them. */
export const SCHOOL_TABLES: readonly TableSpec[] = [
  SETTINGS_TABLE,
  ROOMS_TABLE,
  GROUPS_TABLE,
  CHILDREN_TABLE,
  GUARDIANS_TABLE,
  GUARDIANSHIPS_TABLE,
  CARDS_TABLE,
  USERS_TABLE,
  SESSIONS_TABLE,
  DEVICES_TABLE,
  SCHEDULE_TABLE,
  PASS_KEY_TABLE,
  PASSES_TABLE,
  LEAVES_TABLE,
  ENROLMENTS_TABLE,
  SPECIAL_CARE_TABLE,
  DUTIES_TABLE,
];

export function tablesOfKinds(kinds: ReadonlySet<StoreChangeKind>): TableSpec[] {
  return SCHOOL_TABLES.filter((t) => kinds.has(t.kind));
}
