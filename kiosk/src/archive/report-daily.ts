import { html, nothing, type TemplateResult } from "lit";
import type { DailyChildRow, DailyGroupRecord, DailyRecord } from "../../../protocol/reports";
import { t } from "../i18n";
import { ackLine } from "../shell/alert-ack";
import { alertItem } from "../shell/alert-item";
import { classLabel, relationLabel, timeOf } from "../shell/format";
import { dayLabel } from "./archive-format";

/** The daily care record as a printable document: one section per group, then alerts and sign-off. */
export function dailyReport(record: DailyRecord, today: string): TemplateResult {
  return html`<article class="report-doc" data-testid="daily-report" data-day=${record.day}>
    <header class="report-head">
      <h1>${record.schoolName} · ${t("reports.dailyTitle")}</h1>
      <p class="report-date">${dayLabel(record.day)}</p>
      ${record.careDay ? nothing : html`<p class="muted">${t("reports.noCare")}</p>`}
      ${
        record.careDay && !record.recorded
          ? html`<p class="form-error" data-testid="not-recorded">${t("reports.notRecorded")}</p>`
          : nothing
      }
      ${
        record.day === today
          ? html`<p class="muted report-snapshot">${t("reports.snapshot", { time: timeOf(record.generatedAt) })}</p>`
          : nothing
      }
    </header>
    ${record.groups.map((g) => groupSection(g))} ${record.register.length > 0 ? registerSection(record) : nothing}
    <section class="report-section">
      <h2>${t("reports.alerts")}</h2>
      ${
        record.alerts.length === 0
          ? html`<p class="muted">${t("reports.noAlerts")}</p>`
          : html`<ul class="alert-list report-alerts">${record.alerts.map((a) => alertItem(a, ackLine(a)))}</ul>`
      }
    </section>
    ${signOffSection(record)}
  </article>`;
}

function groupSection(g: DailyGroupRecord): TemplateResult {
  const c = g.counts;
  return html`<section class="report-section" data-testid="report-group" data-group-id=${g.groupId}>
    <h2>${g.groupName} <small class="muted">${g.roomName ? t("reports.room", { room: g.roomName }) : ""}</small></h2>
    <p class="report-counts" data-testid="report-counts">${t("reports.countsLine", { ...c })}</p>
    <table class="report-table">
      <thead>
        <tr>
          <th>${t("reports.col.name")}</th>
          <th>${t("reports.col.className")}</th>
          <th>${t("reports.col.attendance")}</th>
          <th>${t("reports.col.checkedIn")}</th>
          <th>${t("reports.col.leave")}</th>
          <th>${t("reports.col.requested")}</th>
          <th>${t("reports.col.released")}</th>
          <th>${t("reports.col.collected")}</th>
          <th>${t("reports.col.adult")}</th>
          <th>${t("reports.col.late")}</th>
        </tr>
      </thead>
      <tbody>
        ${g.children.map((row) => childRow(row))}
      </tbody>
    </table>
    ${g.handovers.length > 0 ? handovers(g) : nothing}
  </section>`;
}

function childRow(row: DailyChildRow): TemplateResult {
  const leave = row.leaveReason
    ? `${row.leaveReason}${row.leaveRequestedBy ? t("reports.askedBy", { name: row.leaveRequestedBy }) : ""}`
    : (row.absenceReason ?? "");
  const adult = row.adultName
    ? `${row.adultName}${row.adultRelation ? ` (${relationLabel(row.adultRelation)})` : ""}`
    : "";
  return html`<tr
    data-testid="report-row"
    data-child-id=${row.childId}
    data-attendance=${row.attendance}
    class="report-row-${row.attendance} ${row.late ? "report-row-late" : ""}"
  >
    <td><strong>${row.name}</strong>${row.amended ? html` <span class="report-amended">${t("reports.amendedMark")}</span>` : nothing}</td>
    <td>${classLabel(row)}</td>
    <td>${t(`reports.attendance.${row.attendance}`)}</td>
    <td>${row.checkedIn ?? ""}</td>
    <td>${leave}</td>
    <td>${row.requested ?? ""}</td>
    <td>${row.released ?? ""}</td>
    <td>${row.collected ?? ""}</td>
    <td>${adult}</td>
    <td class="report-late">
      ${row.late ? t("reports.lateMinutes", { minutes: row.lateMinutes ?? 0 }) : ""}${lateSteps(row)}
    </td>
  </tr>`;
}

/** Rule 9: every step with a late child is in the record — the reception room and each call. */
function lateSteps(row: DailyChildRow): TemplateResult | typeof nothing {
  if (!row.reception && !row.contacts?.length) return nothing;
  return html`<ul class="report-late-steps" data-testid="report-late-steps">
    ${
      row.reception
        ? html`<li>${t("reports.lateReception", { time: row.reception.at, room: row.reception.roomName, by: row.reception.byName })}</li>`
        : nothing
    }
    ${(row.contacts ?? []).map(
      (c) => html`<li data-testid="report-contact" data-reached=${String(c.reached)}>
        ${t(c.reached ? "reports.lateCallReached" : "reports.lateCallNotReached", {
          time: c.at,
          name: c.relation ? `${c.calledName} (${relationLabel(c.relation)})` : c.calledName,
          by: c.byName,
        })}${c.note ? ` — ${c.note}` : ""}
      </li>`,
    )}
  </ul>`;
}

function handovers(g: DailyGroupRecord): TemplateResult {
  return html`<h3>${t("reports.handovers")}</h3>
    <table class="report-table report-handovers">
      <thead>
        <tr>
          <th>${t("reports.col.time")}</th>
          <th>${t("reports.col.from")}</th>
          <th>${t("reports.col.to")}</th>
          <th>${t("reports.col.headCount")}</th>
        </tr>
      </thead>
      <tbody>
        ${g.handovers.map(
          (h) => html`<tr>
            <td>${h.time}</td>
            <td>${h.from}</td>
            <td>${h.to}${h.volunteer ? ` (${t("reports.volunteer")})` : ""}</td>
            <td>${h.headCount}${h.mismatch ? ` · ${t("reports.mismatch")}` : ""}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

/** Rule 10: every exit and re-entry at the gate, with the adult and how it was confirmed. */
function registerSection(record: DailyRecord): TemplateResult {
  return html`<section class="report-section" data-testid="report-register">
    <h2>${t("reports.register")}</h2>
    <table class="report-table">
      <thead>
        <tr>
          <th>${t("reports.col.time")}</th>
          <th>${t("reports.col.child")}</th>
          <th>${t("reports.col.className")}</th>
          <th>${t("reports.col.entry")}</th>
          <th>${t("reports.col.adult")}</th>
          <th>${t("reports.col.gate")}</th>
          <th>${t("reports.col.reason")}</th>
        </tr>
      </thead>
      <tbody>
        ${record.register.map(
          (r) => html`<tr data-testid="register-row" data-kind=${r.kind}>
            <td>${timeOf(r.at)}</td>
            <td><strong>${r.childName}</strong></td>
            <td>${classLabel(r)} · ${r.groupName}</td>
            <td>${t(`reports.registerKinds.${r.kind}`)}${r.via ? ` · ${t(`reports.registerVia.${r.via}`)}` : ""}</td>
            <td>${r.adultName ? `${r.adultName}${r.adultRelation ? ` (${relationLabel(r.adultRelation)})` : ""}` : ""}</td>
            <td>${r.gateName}</td>
            <td>${[r.reason, r.byName].filter(Boolean).join(" · ")}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function signOffSection(record: DailyRecord): TemplateResult {
  const s = record.signOff;
  return html`<section class="report-section report-signoff" data-testid="report-signoff" data-signed=${s ? "yes" : "no"}>
    <h2>${t("reports.signOff")}</h2>
    ${
      s
        ? html`<p><strong>${t("reports.signedBy", { name: s.byName, time: timeOf(s.at) })}</strong></p>
          ${s.note ? html`<p>${t("overview.signedNote", { note: s.note })}</p>` : nothing}
          ${s.headHash ? html`<p class="mono report-hash" data-testid="report-head-hash">${t("guard.record.headHash", { hash: s.headHash })}</p>` : nothing}`
        : html`<p class="muted">${t("reports.notSigned")}</p>`
    }
    <p class="report-signature">${t("reports.signatureLine")}</p>
    ${record.afterSignOff > 0 ? html`<p class="muted">${t("reports.afterSignOff", { count: record.afterSignOff })}</p>` : nothing}
    ${
      record.amendments.length > 0
        ? html`<h3>${t("reports.amendments")}</h3>
          <ol class="report-amendments" data-testid="report-amendments">
            ${record.amendments.map(
              (a) => html`<li>
                <strong>${timeOf(a.at)} ${a.byName}</strong>:
                ${t(`reports.amend.kinds.${a.correction.kind}`)}${a.childName ? ` · ${a.childName}` : ""}
                ${a.correction.kind === "mark_collected" ? ` · ${a.correction.adultName} ${a.correction.time}` : ""}
                ${a.correction.kind === "record_leave" ? ` · ${a.correction.reason}` : ""}
                ${a.correction.kind === "note" ? ` · ${a.correction.text}` : ""}
                <span class="muted">(${a.reason})</span>
              </li>`,
            )}
          </ol>`
        : nothing
    }
  </section>`;
}
