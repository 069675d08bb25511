import { html, nothing, type TemplateResult } from "lit";
import type { Holiday, Schedule, Season } from "../../../protocol/care-schedule";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import { showToast } from "../shell/toast";
import { adminApi } from "./admin-api";
import { bandsEditor, careDaysEditor, sessionsEditor, workdaysEditor } from "./admin-schedule-parts";
import { scheduleProblems } from "./schedule-problems";

/**
 * The school's timetable (作息时间), all of it: care weekdays, each season's start day and its
 * bands' start of care, dismissal windows and care end, the bands' grades, holidays, swapped
 * working days and sessions. Save checks the draft with the server's own schema and lists every
 * mistake in the screen's language (schedule-problems.ts); only then is the whole schedule sent.
 */

export interface ScheduleState {
  draft?: Schedule;
  isDefault?: boolean;
  /** The last refusal, translated; `problems` are the draft's mistakes, worded. */
  error?: { text: string; problems: string[] };
  saving?: boolean;
}

export async function loadSchedule(state: ScheduleState): Promise<void> {
  const answer = await adminApi.schedule();
  if ("error" in answer) {
    state.error = { text: failureText(answer.error), problems: [] };
  } else {
    state.draft = answer.data.schedule;
    state.isDefault = answer.data.isDefault;
    state.error = undefined;
  }
  requestRender();
}

async function save(state: ScheduleState): Promise<void> {
  if (!state.draft || state.saving) return;
  const problems = scheduleProblems(state.draft);
  if (problems.length > 0) {
    state.error = { text: t("admin.schedule.problem.title"), problems };
    requestRender();
    return;
  }
  state.saving = true;
  requestRender();
  const answer = await adminApi.saveSchedule(state.draft);
  state.saving = false;
  if ("error" in answer) {
    state.error = { text: failureText(answer.error), problems: [] };
    showToast(state.error.text, "error");
    requestRender();
    return;
  }
  showToast(t("admin.saved"), "success", 3000);
  await loadSchedule(state);
}

const TIME_FIELDS = ["careStarts", "dismissalOpens", "dismissalCloses", "careEnds"] as const;

function timeInput(value: string, label: string, testid: string, set: (v: string) => void): TemplateResult {
  return html`<input
    type="time"
    .value=${value}
    aria-label=${label}
    data-testid=${testid}
    @change=${(e: Event) => set((e.target as HTMLInputElement).value)}
  />`;
}

function seasonTable(schedule: Schedule, season: Season): TemplateResult {
  const bandName = (id: string) => schedule.bands.find((b) => b.id === id)?.name ?? id;
  return html`<div class="admin-schedule-season" data-testid="schedule-season" data-season-id=${season.id}>
    <h4>
      <input
        .value=${season.name}
        maxlength="100"
        size="10"
        aria-label=${t("admin.schedule.seasonName")}
        data-testid="schedule-season-name"
        @change=${(e: Event) => {
          season.name = (e.target as HTMLInputElement).value.trim();
          requestRender();
        }}
      />
      <label
        >${t("admin.schedule.from")}
        <input
          .value=${season.from}
          pattern="\\d{2}-\\d{2}"
          placeholder="MM-DD"
          size="6"
          data-testid="schedule-season-from"
          @change=${(e: Event) => {
            season.from = (e.target as HTMLInputElement).value.trim();
          }}
      /></label>
    </h4>
    <table class="admin-table">
      <thead>
        <tr>
          <th>${t("admin.schedule.band")}</th>
          ${TIME_FIELDS.map((f) => html`<th>${t(`admin.schedule.${f}`)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${season.bands.map(
          (times) => html`<tr data-testid="schedule-band-row" data-band-id=${times.band}>
            <td>${bandName(times.band)}</td>
            ${TIME_FIELDS.map(
              (f) =>
                html`<td>
                  ${timeInput(
                    times[f] ?? "",
                    `${bandName(times.band)} ${t(`admin.schedule.${f}`)}`,
                    `schedule-${f}`,
                    (v) => {
                      if (f !== "careStarts") times[f] = v;
                      else if (v) times.careStarts = v;
                      else delete times.careStarts;
                    },
                  )}
                </td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function holidayRow(schedule: Schedule, holiday: Holiday, index: number): TemplateResult {
  const text = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value.trim());
  return html`<tr data-testid="schedule-holiday-row">
    <td>
      <input
        .value=${holiday.name}
        aria-label=${t("admin.schedule.holidayName")}
        @change=${text((v) => {
          holiday.name = v;
        })}
      />
    </td>
    <td>
      <input
        type="date"
        .value=${holiday.from}
        aria-label=${t("admin.schedule.holidayFrom")}
        @change=${text((v) => {
          holiday.from = v;
        })}
      />
    </td>
    <td>
      <input
        type="date"
        .value=${holiday.to ?? ""}
        aria-label=${t("admin.schedule.holidayTo")}
        @change=${text((v) => {
          if (v) holiday.to = v;
          else delete holiday.to;
        })}
      />
    </td>
    <td>
      <button
        class="btn btn-secondary"
        data-testid="schedule-holiday-remove"
        @click=${() => {
          schedule.holidays.splice(index, 1);
          requestRender();
        }}
      >
        ${t("admin.remove")}
      </button>
    </td>
  </tr>`;
}

export function schedulePanel(state: ScheduleState): TemplateResult {
  const schedule = state.draft;
  const error = state.error
    ? html`<p class="admin-error" role="alert" data-testid="schedule-error">
        ${state.error.text}
        ${
          state.error.problems.length > 0
            ? html`<ul data-testid="schedule-problems">
                ${state.error.problems.map((p) => html`<li>${p}</li>`)}
              </ul>`
            : nothing
        }
      </p>`
    : nothing;
  if (!schedule) return html`<div class="admin-panel" data-testid="admin-schedule">${error}</div>`;
  return html`<div class="admin-panel" data-testid="admin-schedule">
    <h3>${t("admin.schedule.title")}</h3>
    <p class="muted">
      ${t("admin.schedule.hint")}
      ${state.isDefault ? html`<span class="chip" data-testid="schedule-default">${t("admin.schedule.isDefault")}</span>` : nothing}
    </p>
    ${careDaysEditor(schedule)}
    ${schedule.seasons.map((season) => seasonTable(schedule, season))}
    ${bandsEditor(schedule)}
    <h3>${t("admin.schedule.holidaysTitle")}</h3>
    <table class="admin-table" data-testid="schedule-holidays">
      <thead>
        <tr>
          <th>${t("admin.schedule.holidayName")}</th>
          <th>${t("admin.schedule.holidayFrom")}</th>
          <th>${t("admin.schedule.holidayTo")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${schedule.holidays.map((h, i) => holidayRow(schedule, h, i))}
      </tbody>
    </table>
    <button
      class="btn btn-secondary"
      data-testid="schedule-holiday-add"
      @click=${() => {
        schedule.holidays.push({ name: "", from: "" });
        requestRender();
      }}
    >
      ${t("admin.schedule.holidayAdd")}
    </button>
    ${workdaysEditor(schedule)} ${sessionsEditor(schedule)} ${error}
    <button
      class="btn btn-primary"
      data-testid="schedule-save"
      ?disabled=${state.saving === true}
      @click=${() => void save(state)}
    >
      ${t("admin.save")}
    </button>
  </div>`;
}
