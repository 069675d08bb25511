import { html, nothing, type TemplateResult } from "lit";
import type { AttendanceReportView } from "../../../protocol/admin";
import type { Ack } from "../../../protocol/errors";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import { getStaffStatus, staffSign } from "../shell/session-api";
import type { AdminHost } from "./admin-panel";

/** The monthly staff attendance report (考勤, rule 13): periods served and minutes, with CSV. */

function hours(minutes: number): string {
  return (minutes / 60).toFixed(1);
}

/**
 * The month the screen opens on: the browser's own calendar month (the kiosk runs at the school).
 * Not `toISOString()`, which is UTC: from 00:00 to 08:00 Beijing time on the 1st it is still the
 * previous month there.
 */
export function currentMonth(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** The staff attendance report as last read (an error is shown in its place). */
export type AttendanceReport = Ack<AttendanceReportView>;

interface AttendanceHost extends AdminHost {
  month: string;
  attendance: AttendanceReport | undefined;
  loadAttendance(): Promise<void>;
}

export function attendancePanel(screen: AttendanceHost): TemplateResult {
  const answer = screen.attendance;
  const report = answer && "data" in answer ? answer.data : undefined;
  return html`<div class="admin-panel" data-testid="admin-attendance">
    <h3>${t("admin.attendance.title")}</h3>
    <p class="muted">${t("admin.attendance.hint")}</p>
    <div class="admin-toolbar">
      <label
        >${t("admin.attendance.month")}
        <input
          type="month"
          data-testid="attendance-month"
          .value=${screen.month}
          @change=${(e: Event) => {
            screen.month = (e.target as HTMLInputElement).value;
            void screen.loadAttendance();
          }}
      /></label>
      <a class="btn btn-secondary" data-testid="attendance-csv" href=${`/api/admin/attendance.csv?month=${screen.month}`}
        >${t("admin.attendance.csv")}</a
      >
      <button
        class="btn btn-ghost"
        data-testid="staff-sign"
        @click=${async () => {
          const me = await getStaffStatus();
          const signedIn = "data" in me && me.data.signedIn;
          await screen.run(
            staffSign(signedIn ? "out" : "in"),
            t(signedIn ? "admin.attendance.signedOut" : "admin.attendance.signedIn"),
          );
          await screen.loadAttendance();
          requestRender();
        }}
      >
        ${t("admin.attendance.signMe")}
      </button>
    </div>
    ${answer && "error" in answer ? html`<p class="form-error">${failureText(answer.error)}</p>` : nothing}
    ${
      report
        ? html`<table class="admin-table" data-testid="attendance-table">
            <thead>
              <tr>
                <th>${t("admin.attendance.name")}</th>
                <th>${t("admin.attendance.days")}</th>
                <th>${t("admin.attendance.periods")}</th>
                <th>${t("admin.attendance.periodHours")}</th>
                <th>${t("admin.attendance.signedHours")}</th>
                <th>${t("admin.attendance.missing")}</th>
              </tr>
            </thead>
            <tbody>
              ${report.rows.map(
                (r) => html`<tr data-testid="attendance-row" data-user-id=${r.userId}>
                  <td><strong>${r.name}</strong></td>
                  <td>${r.days}</td>
                  <td>${r.periods.map((p) => html`<div>${t(`admin.attendance.kind.${p.kind}`)} × ${p.count}</div>`)}</td>
                  <td>${hours(r.periodMinutes)}</td>
                  <td>${hours(r.signedMinutes)}</td>
                  <td>${r.missingSignOuts.join("、") || "—"}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          ${report.rows.length === 0 ? html`<p class="muted">${t("admin.attendance.none")}</p>` : nothing}`
        : nothing
    }
  </div>`;
}
