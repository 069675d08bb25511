import type { PassChildView, PassStatus, PassView } from "../../protocol";
import type { PassUse } from "../domain/day-state";
import type { Pass } from "../domain/entities";
import type { RosterIndex } from "../domain/roster-index";
import { passToken } from "./pass-token";

/** A pass as the teacher or office sees it, with the token for its QR code. Pure. */
export function passView(
  passKey: string | undefined,
  roster: RosterIndex,
  pass: Pass,
  today: string,
  use?: PassUse,
): PassView {
  const children: PassChildView[] = pass.childIds.map((childId) => {
    const child = roster.children.get(childId);
    const group = child ? roster.groups.get(child.groupId) : undefined;
    return {
      childId,
      name: child?.name ?? childId,
      grade: child?.grade ?? 0,
      className: child?.className ?? "",
      groupName: group?.name ?? "",
    };
  });
  const view: PassView = {
    id: pass.id,
    delegate: pass.delegate,
    children,
    guardianId: pass.guardianId,
    guardianName: roster.guardians.get(pass.guardianId)?.name ?? pass.guardianId,
    validFrom: pass.validFrom,
    validTo: pass.validTo,
    status: passStatus(pass, today, use),
    createdAt: pass.createdAt,
    createdByName: roster.staffNames.get(pass.createdBy) ?? pass.createdBy,
    token: passKey ? passToken(passKey, pass) : "",
    shortCode: pass.shortCode,
  };
  if (use) view.usedAt = use.at;
  if (pass.revokedAt) view.revokedAt = pass.revokedAt;
  return view;
}

export function passStatus(pass: Pass, today: string, use?: PassUse): PassStatus {
  if (pass.revokedAt) return "revoked";
  if (use) return "used";
  if (today > pass.validTo) return "expired";
  if (today < pass.validFrom) return "upcoming";
  return "valid";
}
