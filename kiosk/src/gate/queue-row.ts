import { html, nothing, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import { t } from "../i18n";
import { avatar } from "../shell/avatar";
import { custodyNote } from "../shell/custody-note";
import { classLabel, relationLabel, timeOf } from "../shell/format";
import { lookAlikeWarning } from "../shell/look-alike-warning";
import { isLocalPhoto, zoomableFace } from "../shell/photo-zoom";

/** One child in the guard's pickup queue: requested (amber) → released (green) → collected (grey). */

function stateLine(child: ChildDayView): string {
  switch (child.status) {
    case "pickup_requested":
      return t("gate.waiting");
    case "released":
      return t("gate.handOver");
    default:
      return t("gate.done");
  }
}

function times(child: ChildDayView): TemplateResult {
  const parts: string[] = [];
  if (child.requestedAt) parts.push(t("gate.requestedAt", { time: timeOf(child.requestedAt) }));
  if (child.releasedAt) parts.push(t("gate.releasedAt", { time: timeOf(child.releasedAt) }));
  if (child.collectedAt) parts.push(t("gate.collectedAt", { time: timeOf(child.collectedAt) }));
  return html`<span class="row-times">${parts.map((part) => html`<span>${part}</span>`)}</span>`;
}

export function queueRow(
  child: ChildDayView,
  busy: boolean,
  onCollect: (c: ChildDayView) => void,
): TemplateResult {
  return html`<li class="queue-row status-${child.status}" data-testid="queue-row" data-child-id=${child.childId} data-status=${child.status}>
    <div class="row-adult" data-testid="row-adult">
      ${
        isLocalPhoto(child.requestedBy?.photo)
          ? zoomableFace(child.requestedBy?.photo, child.requestedBy?.name ?? "?")
          : avatar(child.requestedBy?.photo, child.requestedBy?.name ?? "?")
      }
      <strong>${child.requestedBy?.name ?? "—"}</strong>
      <span class="row-relation">
        ${
          child.requestedBy?.passId
            ? html`<span class="chip chip-delegate" data-testid="row-delegate" data-pass-id=${child.requestedBy.passId}
                  >${t("pass.delegateChip")}</span
                >${child.requestedBy.delegateRelation ? html`<span>${child.requestedBy.delegateRelation}</span>` : nothing}`
            : child.requestedBy
              ? html`<span>${relationLabel(child.requestedBy.relation)}</span>`
              : nothing
        }
        ${child.requestGateName ? html`<span>${child.requestGateName}</span>` : nothing}
      </span>
    </div>
    <div class="row-child">
      ${isLocalPhoto(child.photo) ? zoomableFace(child.photo, child.name) : avatar(child.photo, child.name)}
      <strong class="row-child-name">${child.name}</strong>
      ${
        child.earlyReason
          ? html`<span class="chip chip-early" data-testid="row-early" title=${child.earlyReason}
              >${t("gateCare.early.chip")} · ${child.earlyReason}</span
            >`
          : nothing
      }
      <span>${classLabel(child)}</span>
      <span class="muted">${t("gate.place", { group: child.groupName, room: child.roomName })}</span>
      ${custodyNote(child)}
      ${lookAlikeWarning(child)}
    </div>
    <div class="row-state">
      <span class="chip chip-${child.status}">${t(`status.${child.status}`)}</span>
      <span class="row-state-text">${stateLine(child)}</span>
      ${times(child)}
    </div>
    ${
      child.status === "released"
        ? html`<div class="row-action">
          <button
            class="btn btn-collect"
            data-testid="confirm-collected"
            data-child-id=${child.childId}
            ?disabled=${busy}
            @click=${() => onCollect(child)}
          >
            ${t("gate.confirmCollected")}
          </button>
        </div>`
        : nothing
    }
  </li>`;
}
