import { html, type TemplateResult } from "lit";
import { type CareSession, type Schedule, WEEKDAYS, type Weekday } from "../../../protocol/care-schedule";
import { t } from "../i18n";
import { requestRender } from "../shell/app";

/**
 * The timetable's other parts, editable on screen: the weekdays with care, the grades of each
 * band, the swapped working days (调休) and the morning and noon sessions.
 */

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value.trim();

function weekdaySelect(selected: Weekday, set: (w: Weekday) => void): TemplateResult {
  return html`<select
    aria-label=${t("admin.schedule.workdayFollows")}
    @change=${(e: Event) => set(value(e) as Weekday)}
  >
    ${WEEKDAYS.map((w) => html`<option value=${w} ?selected=${w === selected}>${t(`admin.weekday.${w}`)}</option>`)}
  </select>`;
}

export function careDaysEditor(schedule: Schedule): TemplateResult {
  return html`<h3>${t("admin.schedule.careDays")}</h3>
    <p data-testid="schedule-care-days">
      ${WEEKDAYS.map(
        (w) => html`<label class="admin-check"
          ><input
            type="checkbox"
            data-weekday=${w}
            .checked=${schedule.careDays.includes(w)}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const days = new Set(schedule.careDays);
              if (on) days.add(w);
              else days.delete(w);
              schedule.careDays = WEEKDAYS.filter((d) => days.has(d));
            }}
          />${t(`admin.weekday.${w}`)}</label
        >`,
      )}
    </p>`;
}

/** "1、2" or "1,2" → [1, 2]; anything else is kept out and the schema says the band is empty. */
function gradesOf(text: string): number[] {
  return text
    .split(/[,，、\s]+/)
    .filter((g) => g !== "")
    .map(Number)
    .filter((g) => Number.isInteger(g));
}

export function bandsEditor(schedule: Schedule): TemplateResult {
  return html`<h3>${t("admin.schedule.bandsTitle")}</h3>
    <table class="admin-table" data-testid="schedule-bands">
      <thead>
        <tr>
          <th>${t("admin.schedule.band")}</th>
          <th>${t("admin.schedule.grades")}</th>
        </tr>
      </thead>
      <tbody>
        ${schedule.bands.map(
          (band) => html`<tr data-band-id=${band.id}>
            <td>
              <input
                .value=${band.name}
                maxlength="100"
                aria-label=${t("admin.schedule.bandName")}
                data-testid="schedule-band-name"
                @change=${(e: Event) => {
                  band.name = value(e);
                  requestRender();
                }}
              />
            </td>
            <td>
              <input
                .value=${band.grades.join("、")}
                aria-label=${`${band.name} ${t("admin.schedule.grades")}`}
                data-testid="schedule-band-grades"
                @change=${(e: Event) => {
                  band.grades = gradesOf(value(e));
                }}
              />
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

export function workdaysEditor(schedule: Schedule): TemplateResult {
  return html`<h3>${t("admin.schedule.workdaysTitle")}</h3>
    <table class="admin-table" data-testid="schedule-workdays">
      <thead>
        <tr>
          <th>${t("admin.schedule.holidayName")}</th>
          <th>${t("admin.schedule.workdayDate")}</th>
          <th>${t("admin.schedule.workdayFollows")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${schedule.workdays.map(
          (w, i) => html`<tr data-testid="schedule-workday-row">
            <td><input .value=${w.name} aria-label=${t("admin.schedule.holidayName")} @change=${(
              e: Event,
            ) => {
              w.name = value(e);
            }} /></td>
            <td><input type="date" .value=${w.date} aria-label=${t("admin.schedule.workdayDate")} data-testid="schedule-workday-date" @change=${(
              e: Event,
            ) => {
              w.date = value(e);
            }} /></td>
            <td>${weekdaySelect(w.followsWeekday, (d) => {
              w.followsWeekday = d;
            })}</td>
            <td><button class="btn btn-secondary" @click=${() => {
              schedule.workdays.splice(i, 1);
              requestRender();
            }}>${t("admin.remove")}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button
      class="btn btn-secondary"
      data-testid="schedule-workday-add"
      @click=${() => {
        schedule.workdays.push({ name: "", date: "", followsWeekday: "mon" });
        requestRender();
      }}
    >
      ${t("admin.schedule.workdayAdd")}
    </button>`;
}

function newSessionId(schedule: Schedule): string {
  let n = schedule.sessions.length + 1;
  while (schedule.sessions.some((s) => s.id === `session-${n}`)) n++;
  return `session-${n}`;
}

export function sessionsEditor(schedule: Schedule): TemplateResult {
  const time = (session: CareSession, field: "starts" | "ends") =>
    html`<input type="time" .value=${session[field]} aria-label=${t(`admin.schedule.session${field === "starts" ? "Starts" : "Ends"}`)} @change=${(
      e: Event,
    ) => {
      session[field] = value(e);
    }} />`;
  return html`<h3>${t("admin.schedule.sessionsTitle")}</h3>
    <table class="admin-table" data-testid="schedule-sessions">
      <thead>
        <tr>
          <th>${t("admin.schedule.holidayName")}</th>
          <th>${t("admin.schedule.sessionKind")}</th>
          <th>${t("admin.schedule.sessionStarts")}</th>
          <th>${t("admin.schedule.sessionEnds")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${schedule.sessions.map(
          (s, i) => html`<tr data-testid="schedule-session-row">
            <td><input .value=${s.name} aria-label=${t("admin.schedule.holidayName")} @change=${(
              e: Event,
            ) => {
              s.name = value(e);
            }} /></td>
            <td>
              <select aria-label=${t("admin.schedule.sessionKind")} @change=${(e: Event) => {
                s.kind = value(e) === "noon" ? "noon" : "morning";
              }}>
                <option value="morning" ?selected=${s.kind === "morning"}>${t("admin.schedule.morning")}</option>
                <option value="noon" ?selected=${s.kind === "noon"}>${t("admin.schedule.noon")}</option>
              </select>
            </td>
            <td>${time(s, "starts")}</td>
            <td>${time(s, "ends")}</td>
            <td><button class="btn btn-secondary" @click=${() => {
              schedule.sessions.splice(i, 1);
              requestRender();
            }}>${t("admin.remove")}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button
      class="btn btn-secondary"
      data-testid="schedule-session-add"
      @click=${() => {
        schedule.sessions.push({
          id: newSessionId(schedule),
          name: "",
          kind: "morning",
          starts: "07:30",
          ends: "08:00",
        });
        requestRender();
      }}
    >
      ${t("admin.schedule.sessionAdd")}
    </button>`;
}
