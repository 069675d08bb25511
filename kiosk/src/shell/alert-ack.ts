import { html, nothing, type TemplateResult } from "lit";
import type { AlertView } from "../../../protocol/model";
import { t } from "../i18n";
import { alertItem } from "./alert-item";
import { timeOf } from "./format";

/**
 * Alerts the guard has dealt with fold away (docs/decisions.md "Acknowledged alerts"): the open
 * ones stay on top, each with a note field and a "done" button; the acknowledged ones go into a
 * closed list that still shows who dealt with them, when and how.
 */

export type AckHandler = (alert: AlertView, note: string) => void;

/** Replaces the alert with the same id (now acknowledged); an alert not in the list is left out. */
export function replaceAlert(alerts: readonly AlertView[], alert: AlertView): AlertView[] {
  return alerts.map((a) => (a.id === alert.id ? alert : a));
}

export function openAlerts(alerts: readonly AlertView[]): AlertView[] {
  return alerts.filter((a) => !a.acknowledged);
}

/** The open alerts with their "done" controls, then the acknowledged ones folded. */
export function alertListView(
  alerts: readonly AlertView[],
  onAck: AckHandler | undefined,
  extra?: (alert: AlertView) => TemplateResult | typeof nothing,
): TemplateResult {
  const open = openAlerts(alerts);
  const done = alerts.filter((a) => a.acknowledged);
  return html`${
    open.length > 0
      ? html`<ul class="alert-list" data-testid="alerts-open">
          ${open.map((a) => alertItem(a, html`${extra?.(a) ?? nothing}${ackControls(a, onAck)}`))}
        </ul>`
      : nothing
  }
  ${
    done.length > 0
      ? html`<details class="alerts-done" data-testid="alerts-acknowledged">
          <summary>${t("guard.ack.folded", { count: done.length })}</summary>
          <ul class="alert-list">${done.map((a) => alertItem(a, ackLine(a)))}</ul>
        </details>`
      : nothing
  }`;
}

export function ackLine(alert: AlertView): TemplateResult | typeof nothing {
  const ack = alert.acknowledged;
  if (!ack) return nothing;
  const facts = { by: ack.byName, time: timeOf(ack.at), note: ack.note ?? "" };
  return html`<span class="alert-ack" data-testid="alert-ack-line"
    >${t(ack.note ? "guard.ack.doneNote" : "guard.ack.done", facts)}</span
  >`;
}

function ackControls(alert: AlertView, onAck: AckHandler | undefined): TemplateResult | typeof nothing {
  if (!onAck) return nothing;
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const note = (form.elements.namedItem("note") as HTMLInputElement | null)?.value.trim() ?? "";
    onAck(alert, note);
  };
  return html`<form class="alert-ack-form" @submit=${submit}>
    <input
      name="note"
      maxlength="300"
      data-testid="alert-ack-note"
      placeholder=${t("guard.ack.note")}
      aria-label=${t("guard.ack.note")}
    />
    <button class="btn btn-secondary" type="submit" data-testid="alert-ack">${t("guard.ack.button")}</button>
  </form>`;
}
