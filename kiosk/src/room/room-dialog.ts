import { html, nothing, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import type { RoomCountsView, RoomDayView } from "../../../protocol/room";
import { t } from "../i18n";

/** What every care-room dialog gets from the room screen. */
export interface DialogContext {
  children: readonly ChildDayView[];
  room: RoomDayView | undefined;
  busy: boolean;
  error: string | undefined;
  close(): void;
}

/** The frame of a care-room dialog: title, hint, body, error line, cancel and confirm. */
export function dialogFrame(
  ctx: DialogContext,
  options: {
    testid: string;
    title: string;
    hint?: string;
    body: TemplateResult;
    confirmLabel?: string;
    onConfirm?: () => void;
    wide?: boolean;
  },
): TemplateResult {
  return html`<div class="overlay care-overlay">
    <form
      class="dialog care-dialog ${options.wide ? "care-dialog-wide" : ""}"
      role="dialog"
      aria-modal="true"
      data-testid=${options.testid}
      @submit=${(e: Event) => {
        e.preventDefault();
        options.onConfirm?.();
      }}
    >
      <h2>${options.title}</h2>
      ${options.hint ? html`<p class="care-hint">${options.hint}</p>` : nothing} ${options.body}
      ${ctx.error ? html`<p class="form-error" role="alert" data-testid="care-error">${ctx.error}</p>` : nothing}
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary btn-lg" data-testid="care-cancel" @click=${() => ctx.close()}>
          ${options.onConfirm ? t("common.cancel") : t("common.close")}
        </button>
        ${
          options.onConfirm
            ? html`<button type="submit" class="btn btn-primary btn-lg" data-testid="care-submit" ?disabled=${ctx.busy}>
              ${options.confirmLabel ?? t("common.confirm")}
            </button>`
            : nothing
        }
      </div>
    </form>
  </div>`;
}

/** The head count's numbers, in the order roll call and handover show them (the total is not shown). */
const ROOM_COUNT_KEYS = [
  "present",
  "onLeave",
  "absent",
  "unexplained",
  "expected",
  "gone",
] as const satisfies readonly (keyof RoomCountsView)[];

/** The group's counts as both roll call and handover show them. */
export function countsTable(
  counts: Readonly<Pick<RoomCountsView, (typeof ROOM_COUNT_KEYS)[number]>>,
): TemplateResult {
  return html`<dl class="care-counts" data-testid="care-counts">
    ${ROOM_COUNT_KEYS.map(
      (
        key,
      ) => html`<div class="care-count care-count-${key}" data-testid="care-count-${key}" data-value=${counts[key]}>
        <dt>${t(`careRoom.counts.${key}`)}</dt>
        <dd>${counts[key]}</dd>
      </div>`,
    )}
  </dl>`;
}
