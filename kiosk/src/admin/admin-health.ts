import { html, type TemplateResult } from "lit";
import type { AdminChildView } from "../../../protocol/admin";
import type { HealthNotes, Medication } from "../../../protocol/room";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { adminApi } from "./admin-api";
import type { AdminHost } from "./admin-panel";

/** The office's editor of a child's health notes (rule 11); the room kiosk shows them on the tile. */

interface MedicationRow {
  id: string;
  name: string;
  dose: string;
  times: string;
  note: string;
  from?: string;
  to?: string;
}

interface HealthDraft {
  allergies: string;
  diet: string;
  medications: MedicationRow[];
  note: string;
}

/** The drafts of the open editors, by child id; dropped on save so the stored notes show again. */
const drafts = new Map<string, HealthDraft>();

const list = (text: string) =>
  text
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

function rowOf(m: Medication): MedicationRow {
  return {
    id: m.id,
    name: m.name,
    dose: m.dose,
    times: m.times.join(", "),
    note: m.note ?? "",
    ...(m.from ? { from: m.from } : {}),
    ...(m.to ? { to: m.to } : {}),
  };
}

function draftOf(child: AdminChildView): HealthDraft {
  let draft = drafts.get(child.id);
  if (!draft) {
    const h = child.health;
    draft = {
      allergies: (h?.allergies ?? []).join("、"),
      diet: (h?.diet ?? []).join("、"),
      medications: (h?.medications ?? []).map(rowOf),
      note: h?.note ?? "",
    };
    drafts.set(child.id, draft);
  }
  return draft;
}

function notesOf(draft: HealthDraft): HealthNotes | null {
  const medications: Medication[] = draft.medications
    .filter((m) => m.name.trim() !== "")
    .map((m) => ({
      id: m.id,
      name: m.name.trim(),
      dose: m.dose.trim(),
      times: list(m.times),
      ...(m.note.trim() ? { note: m.note.trim() } : {}),
      ...(m.from ? { from: m.from } : {}),
      ...(m.to ? { to: m.to } : {}),
    }));
  const notes: HealthNotes = { allergies: list(draft.allergies), diet: list(draft.diet), medications };
  if (draft.note.trim()) notes.note = draft.note.trim();
  const empty = notes.allergies.length + notes.diet.length + medications.length === 0 && !notes.note;
  return empty ? null : notes;
}

const newId = () => `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

function medicationRow(draft: HealthDraft, row: MedicationRow, index: number): TemplateResult {
  const field = (key: "name" | "dose" | "times" | "note", label: string, placeholder = "") =>
    html`<label>${label}<input
        data-testid="health-med-${key}"
        .value=${row[key]}
        placeholder=${placeholder}
        @input=${(e: Event) => {
          row[key] = (e.target as HTMLInputElement).value;
        }}
    /></label>`;
  return html`<div class="admin-form" data-testid="health-med-row">
    ${field("name", t("admin.health.medName"))} ${field("dose", t("admin.health.medDose"))}
    ${field("times", t("admin.health.medTimes"), "15:30, 17:00")} ${field("note", t("admin.health.medNote"))}
    <button
      type="button"
      class="btn btn-ghost"
      data-testid="health-med-remove"
      @click=${() => {
        draft.medications.splice(index, 1);
        requestRender();
      }}
    >
      ${t("admin.remove")}
    </button>
  </div>`;
}

export function healthEditor(screen: AdminHost, child: AdminChildView): TemplateResult {
  const draft = draftOf(child);
  const text = (key: "allergies" | "diet", label: string) =>
    html`<label>${label}<input
        data-testid="health-${key}"
        .value=${draft[key]}
        placeholder=${t("admin.health.listHint")}
        @input=${(e: Event) => {
          draft[key] = (e.target as HTMLInputElement).value;
        }}
    /></label>`;
  return html`<section data-testid="health-editor">
    <h3>${t("admin.health.title")}</h3>
    <p class="muted">${t("admin.health.hint")}</p>
    <div class="admin-form">${text("allergies", t("admin.health.allergies"))} ${text("diet", t("admin.health.diet"))}</div>
    <h4>${t("admin.health.medications")}</h4>
    ${draft.medications.map((row, i) => medicationRow(draft, row, i))}
    <button
      type="button"
      class="btn btn-secondary"
      data-testid="health-med-add"
      @click=${() => {
        draft.medications.push({ id: newId(), name: "", dose: "", times: "", note: "" });
        requestRender();
      }}
    >
      ${t("admin.health.addMedication")}
    </button>
    <div class="admin-form">
      <label
        >${t("admin.health.note")}<textarea
          data-testid="health-note"
          rows="2"
          .value=${draft.note}
          @input=${(e: Event) => {
            draft.note = (e.target as HTMLTextAreaElement).value;
          }}
        ></textarea>
      </label>
    </div>
    <button
      type="button"
      class="btn btn-primary"
      data-testid="health-save"
      @click=${async () => {
        const saved = await screen.run(adminApi.updateHealth(child.id, notesOf(draft)), t("admin.saved"));
        if (saved !== undefined) drafts.delete(child.id);
        requestRender();
      }}
    >
      ${t("admin.health.save")}
    </button>
  </section>`;
}
