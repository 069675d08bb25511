import { html, type TemplateResult } from "lit";
import type { MonthlyGroupRow, MonthlySummary } from "../../../protocol/reports";
import { t } from "../i18n";
import { classLabel } from "../shell/format";
import { monthLabel } from "./archive-format";

/** The monthly summary as a printable document: one table per group with a total row. */
export function monthlyReport(summary: MonthlySummary): TemplateResult {
  return html`<article class="report-doc" data-testid="monthly-report" data-month=${summary.month}>
    <header class="report-head">
      <h1>${summary.schoolName} · ${t("reports.monthlyTitle")}</h1>
      <p class="report-date">${monthLabel(summary.month)}</p>
      <p class="muted">${t("reports.careDays", {
        careDays: summary.careDays,
        recorded: summary.recordedDays,
        signed: summary.signedOffDays,
      })}</p>
    </header>
    ${
      summary.groups.length === 0
        ? html`<p class="muted">${t("reports.empty")}</p>`
        : summary.groups.map((g) => groupTable(g))
    }
    <p class="report-signature">${t("reports.signatureLine")}</p>
  </article>`;
}

function groupTable(g: MonthlyGroupRow): TemplateResult {
  return html`<section class="report-section" data-testid="monthly-group" data-group-id=${g.groupId}>
    <h2>${g.groupName} <small class="muted">${g.roomName ? t("reports.room", { room: g.roomName }) : ""}</small></h2>
    <table class="report-table">
      <thead>
        <tr>
          <th>${t("reports.col.name")}</th>
          <th>${t("reports.col.className")}</th>
          <th>${t("reports.col.daysInCare")}</th>
          <th>${t("reports.col.leaves")}</th>
          <th>${t("reports.col.unexplained")}</th>
          <th>${t("reports.col.latePickups")}</th>
          <th>${t("reports.col.averagePickup")}</th>
        </tr>
      </thead>
      <tbody>
        ${g.children.map(
          (c) => html`<tr data-testid="monthly-row" data-child-id=${c.childId}>
            <td><strong>${c.name}</strong></td>
            <td>${classLabel(c)}</td>
            <td>${c.daysInCare}</td>
            <td>${c.leaves}</td>
            <td>${c.unexplained}</td>
            <td>${c.latePickups}</td>
            <td>${c.averagePickup ?? ""}</td>
          </tr>`,
        )}
        <tr class="report-total">
          <td colspan="2">${t("reports.totalRow")}</td>
          <td>${g.totals.daysInCare}</td>
          <td>${g.totals.leaves}</td>
          <td>${g.totals.unexplained}</td>
          <td>${g.totals.latePickups}</td>
          <td>${g.totals.averagePickup ?? ""}</td>
        </tr>
      </tbody>
    </table>
  </section>`;
}
