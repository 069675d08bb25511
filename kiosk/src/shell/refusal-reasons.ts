import { html, nothing, type TemplateResult } from "lit";
import type { AlertView } from "../../../protocol/model";
import type { PickupChildOutcome, PickupReason } from "../../../protocol/outcomes";
import { t } from "../i18n";
import { timeOf } from "./format";

/**
 * Why each child of a refused pickup was not requested (docs/decisions.md "Refused pickups are
 * alerts"): the outcome, and who asked for or took the child and when, the leave's reason, the
 * custody note. One line per child, for the guard to say to the adult.
 */
export function refusalLines(
  outcomes: readonly ({ childName: string; outcome: PickupChildOutcome } & PickupReason)[],
): TemplateResult | typeof nothing {
  if (outcomes.length === 0) return nothing;
  return html`<ul class="alert-reasons" data-testid="alert-reasons">
    ${outcomes.map(
      (c) => html`<li data-testid="alert-reason" data-outcome=${c.outcome}>
        <strong>${t(`tap.pickup.${c.outcome}`, { name: c.childName })}</strong>
        ${reasonDetail(c)}
      </li>`,
    )}
  </ul>`;
}

/** The facts behind one outcome, or nothing when the outcome says it all (not checked in). */
export function reasonDetail(
  reason: { outcome: PickupChildOutcome } & PickupReason,
): TemplateResult | typeof nothing {
  const text = detailText(reason);
  return text ? html`<span class="alert-reason-detail">${text}</span>` : nothing;
}

function detailText(reason: { outcome: PickupChildOutcome } & PickupReason): string | undefined {
  const time = timeOf(reason.since);
  const by = reason.byName ?? "";
  switch (reason.outcome) {
    case "already_requested":
      return reason.since ? t("guard.reason.requestedBy", { by, time }) : undefined;
    case "already_released":
      return reason.since ? t("guard.reason.releasedFor", { by, time }) : undefined;
    case "already_collected":
    case "possible_clone":
      if (!reason.since) return undefined;
      return by ? t("guard.reason.collectedBy", { by, time }) : t("guard.reason.collectedAt", { time });
    case "on_leave":
      return reason.leaveReason ? t("guard.reason.leave", { reason: reason.leaveReason }) : undefined;
    case "not_authorised":
      return reason.note ? t("guard.reason.note", { note: reason.note }) : undefined;
    default:
      return undefined;
  }
}

/** A possible cloned card: the first gate and time, then this one. */
export function cloneLines(alert: AlertView): TemplateResult {
  return html`<span data-testid="alert-clone-first"
      >${
        alert.otherDeviceName
          ? t("guard.clone.first", { gate: alert.otherDeviceName, time: timeOf(alert.otherAt) })
          : t("guard.clone.allCollected")
      }</span
    >
    <span data-testid="alert-clone-second"
      >${t("guard.clone.second", { gate: alert.deviceName, time: timeOf(alert.at) })}</span
    >`;
}
