import type { User } from "../domain/entities";

/**
 * Who may see and do what on the screens. One table, so a reviewer can check the rules at a glance:
 * a teacher opens only the care groups on their roster; the guard opens the gate; the technician
 * the devices, readers and card binding; the duty leader the overview and the archive; admin all of it.
 */
export function canOpenGroup(user: User, groupId: string): boolean {
  return user.role === "admin" || (user.role === "teacher" && user.groupIds.includes(groupId));
}

export function canOpenGate(user: User): boolean {
  return user.role === "guard" || user.role === "admin";
}

/** Confirming that a released child left with the adult happens at the gate. */
export function canCollect(user: User): boolean {
  return canOpenGate(user);
}

/** Registering early pickups, logging calls about late children, reception room, re-entries: the gate's record. */
export function canKeepGateRecord(user: User): boolean {
  return canOpenGate(user);
}

/** An alert is seen and dealt with at the gate, or by the office or the duty leader on the overview. */
export function canAcknowledgeAlert(user: User): boolean {
  return canOpenGate(user) || user.role === "leader";
}

/** Devices, readers, the live reader console and binding cards to people. */
export function canUseTechnicianTools(user: User): boolean {
  return user.role === "technician" || user.role === "admin";
}

/** A delegate pass is written (and revoked) by a teacher of every child's group, or the office. */
export function canWritePass(user: User, childGroupIds: readonly string[]): boolean {
  return (
    user.role === "admin" ||
    (user.role === "teacher" && childGroupIds.every((g) => user.groupIds.includes(g)))
  );
}

/** The guard types a pass's short code when its QR code will not scan. */
export function canRedeemPass(user: User): boolean {
  return canOpenGate(user);
}

/**
 * The duty leader (带班领导 / 值周) sees the whole school, signs off the day, amends a closed day
 * and reads the archive; the leader does not run a room or the gate.
 */
export function canOversee(user: User): boolean {
  return user.role === "leader" || user.role === "admin";
}

/**
 * The overview and the archive's reports are read by the school's overseers and by the district
 * (区教育局), which reads every school's and changes nothing: no sign-off, no amendment.
 */
export function canReadOverview(user: User): boolean {
  return canOversee(user) || user.role === "district";
}

/** Staff of the school: everything but the overview and the reports is theirs alone. */
export function isSchoolStaff(user: User): boolean {
  return user.role !== "district";
}

/** Health notes (allergies, diet, medication) come from the guardian through the office (rule 11). */
export function canEditHealth(user: User): boolean {
  return user.role === "admin";
}

/** Who may take a care group over by logging in on its kiosk (others take it as a volunteer). */
export function canReceiveGroup(user: User): boolean {
  return user.role === "teacher" || user.role === "admin";
}

export function visibleGroupIds(user: User, allGroupIds: readonly string[]): string[] {
  // The district filters a school's reports by group: names and sizes, no children.
  if (user.role === "admin" || user.role === "district") return [...allGroupIds];
  if (user.role === "teacher") return allGroupIds.filter((id) => user.groupIds.includes(id));
  return [];
}
