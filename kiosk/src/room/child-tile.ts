import { html, nothing, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import { t } from "../i18n";
import { avatar } from "../shell/avatar";
import { adultLabel, classLabel, timeOf } from "../shell/format";
import { lookAlikeWarning } from "../shell/look-alike-warning";

/** One child on the care-room kiosk: a big touch target with name, class and status. */

export interface TileActions {
  busy: boolean;
  onCheckIn: (child: ChildDayView) => void;
  onRelease: (child: ChildDayView) => void;
  /** The care room's additions: health marks, the unexplained-absence alert (room-care.ts). */
  extra?: (child: ChildDayView) => TemplateResult | typeof nothing;
  /** An extra class for the tile, e.g. "is-unexplained". */
  tileClass?: (child: ChildDayView) => string;
}

function detail(child: ChildDayView, actions: TileActions): TemplateResult | typeof nothing {
  switch (child.status) {
    case "expected":
      return html`<span class="tile-hint">${t("room.tapToCheckIn")}</span>`;
    case "checked_in":
      return child.checkedInAt
        ? html`<span class="tile-hint">${t("room.checkedInAt", { time: timeOf(child.checkedInAt) })}</span>`
        : nothing;
    case "on_leave":
      return child.leaveReason
        ? html`<span class="tile-hint">${t("room.leaveReason", { reason: child.leaveReason })}</span>`
        : nothing;
    case "pickup_requested":
      return html`<div class="tile-pickup">
          <span class="tile-adult" data-testid="tile-adult">${adultLabel(child.requestedBy)}</span>
          ${
            child.requestGateName
              ? html`<span class="tile-gate">${t("room.atGateWhere", { gate: child.requestGateName })}
                  · ${timeOf(child.requestedAt)}</span>`
              : nothing
          }
        </div>
        <button
          class="btn btn-release"
          data-testid="release"
          data-child-id=${child.childId}
          ?disabled=${actions.busy}
          @click=${(e: Event) => {
            e.stopPropagation();
            actions.onRelease(child);
          }}
        >
          ${t("room.release")}
        </button>`;
    case "released":
      return html`<span class="tile-hint">${adultLabel(child.requestedBy)}
        ${t("room.releasedAt", { time: timeOf(child.releasedAt) })}</span>`;
    case "collected":
      return html`<span class="tile-hint">${t("room.collectedAt", { time: timeOf(child.collectedAt) })}</span>`;
  }
}

/** The status chip's words: a late child moved to the reception room is there, not in this room. */
export function tileStatus(child: ChildDayView): string {
  return child.receptionRoom
    ? t("room.inReception", { room: child.receptionRoom })
    : t(`status.${child.status}`);
}

export function childTile(child: ChildDayView, actions: TileActions): TemplateResult {
  const tappable = child.status === "expected" && !actions.busy;
  const tap = () => tappable && actions.onCheckIn(child);
  return html`<div
    class="tile status-${child.status} ${actions.busy ? "is-busy" : ""} ${actions.tileClass?.(child) ?? ""}"
    data-testid="child-tile"
    data-child-id=${child.childId}
    data-status=${child.status}
    role=${tappable ? "button" : "group"}
    tabindex=${tappable ? "0" : "-1"}
    @click=${tap}
    @keydown=${(e: KeyboardEvent) => (e.key === "Enter" || e.key === " ") && tap()}
  >
    ${child.photo ? html`<div class="tile-photo">${avatar(child.photo, child.name)}</div>` : nothing}
    <span class="tile-name">${child.name}</span>
    <div class="tile-sub">
      <span class="tile-class">${classLabel(child)}</span>
      <span class="chip chip-${child.status}" data-testid="tile-status">${tileStatus(child)}</span>
    </div>
    ${detail(child, actions)} ${lookAlikeWarning(child)}
    ${
      child.earlyReason
        ? html`<span class="tile-hint" data-testid="tile-early">${t("room.earlyReason", { reason: child.earlyReason })}</span>`
        : nothing
    }
    ${actions.extra?.(child) ?? nothing}
  </div>`;
}
