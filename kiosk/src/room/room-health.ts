import { html, nothing, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import type { HealthNotes, MedicationDoseView } from "../../../protocol/room";
import { t } from "../i18n";
import { timeOf } from "../shell/format";
import { bellIcon } from "../shell/icons";
import { type DialogContext, dialogFrame } from "./room-dialog";

/** Health notes (rule 11): marks on the tile, the full notes in a dialog, medication reminders. */

function hasNotes(health: HealthNotes | undefined): health is HealthNotes {
  if (!health) return false;
  return health.allergies.length + health.diet.length + health.medications.length > 0 || Boolean(health.note);
}

/** The tile's marks; one touch opens the notes. Nothing when the child has none. */
export function healthMarks(
  child: ChildDayView,
  onOpen: (child: ChildDayView) => void,
): TemplateResult | typeof nothing {
  const health = child.health;
  if (!hasNotes(health)) return nothing;
  const mark = (kind: string, on: boolean) =>
    on
      ? html`<span class="health-mark health-mark-${kind}" data-testid="health-mark-${kind}">${t(`careRoom.marks.${kind}`)}</span>`
      : nothing;
  return html`<button
    type="button"
    class="health-marks"
    data-testid="health-open"
    data-child-id=${child.childId}
    aria-label=${t("careRoom.healthTitle", { name: child.name })}
    @click=${(e: Event) => {
      e.stopPropagation();
      onOpen(child);
    }}
  >
    ${mark("allergy", health.allergies.length > 0)} ${mark("diet", health.diet.length > 0)}
    ${mark("medication", health.medications.length > 0)}
  </button>`;
}

export interface HealthState {
  kind: "health";
  child: ChildDayView;
}

export function healthDialog(d: HealthState, ctx: DialogContext): TemplateResult {
  const health = d.child.health;
  const list = (items: readonly string[]) =>
    items.length === 0
      ? html`<span class="care-hint">${t("careRoom.none")}</span>`
      : html`${items.join("、")}`;
  const doses = (ctx.room?.doses ?? []).filter((dose) => dose.childId === d.child.childId);
  return dialogFrame(ctx, {
    testid: "health-dialog",
    title: t("careRoom.healthTitle", { name: d.child.name }),
    body: html`<dl class="health-notes">
      <div class="health-row health-row-allergy"><dt>${t("careRoom.allergies")}</dt><dd data-testid="health-allergies">${list(health?.allergies ?? [])}</dd></div>
      <div class="health-row"><dt>${t("careRoom.diet")}</dt><dd data-testid="health-diet">${list(health?.diet ?? [])}</dd></div>
      <div class="health-row"><dt>${t("careRoom.medication")}</dt><dd data-testid="health-medication">
        ${
          (health?.medications ?? []).length === 0
            ? html`<span class="care-hint">${t("careRoom.none")}</span>`
            : (health?.medications ?? []).map(
                (
                  m,
                ) => html`<p>${t("careRoom.medLine", { name: m.name, dose: m.dose, times: m.times.join("、") })}
                  ${m.from && m.to ? html`<small>${t("careRoom.medCourse", { from: m.from, to: m.to })}</small>` : nothing}
                  ${m.note ? html`<small>${m.note}</small>` : nothing}</p>`,
              )
        }
        ${doses.filter((dose) => dose.given).map((dose) => html`<p class="care-hint" data-testid="health-dose-given">${t("careRoom.doseGivenLine", { dose: dose.time, time: timeOf(dose.given?.at), by: dose.given?.byName ?? "" })}</p>`)}
      </dd></div>
      ${health?.note ? html`<div class="health-row"><dt>${t("careRoom.healthNote")}</dt><dd>${health.note}</dd></div>` : nothing}
    </dl>`,
  });
}

/** A reminder banner for a dose due now; "given" records it. */
export function doseBanner(
  dose: MedicationDoseView,
  busy: boolean,
  onGiven: (dose: MedicationDoseView) => void,
): TemplateResult {
  return html`<div class="announcement dose-banner" role="alert" data-testid="dose-banner" data-child-id=${dose.childId}>
    <span class="dose-icon" aria-hidden="true">${bellIcon(36)}</span>
    <span class="announcement-text">${t("careRoom.doseDue", { name: dose.childName, time: dose.time, medication: dose.name, dose: dose.dose })}</span>
    <button class="btn btn-primary" data-testid="dose-given" ?disabled=${busy} @click=${() => onGiven(dose)}>
      ${t("careRoom.doseGiven")}
    </button>
  </div>`;
}
