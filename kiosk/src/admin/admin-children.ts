import { html, nothing, type TemplateResult } from "lit";
import type { AdminChildView, AdminSnapshot } from "../../../protocol/admin";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { classLabel } from "../shell/format";
import { adminApi } from "./admin-api";
import { childForm, withdrawForm } from "./admin-child-form";
import { healthEditor } from "./admin-health";
import { type AdminHost, formFields } from "./admin-panel";
import { photoSection } from "./admin-photo";
import { childGuardians } from "./child-guardians";
import { childNotAuthorised } from "./child-not-authorised";
import { pendingList } from "./pending-authorities";

/** Children: search, enrolment standing, today's care, and the paperwork of one child opened. */

export function standingChip(standing: AdminChildView["standing"]): TemplateResult {
  const tone: Record<AdminChildView["standing"], string> = {
    enrolled: "admin-chip-ok",
    no_records: "admin-chip-info",
    applied: "admin-chip-wait",
    approved: "admin-chip-wait",
    declined: "admin-chip-off",
    withdrawn: "admin-chip-off",
    not_yet: "admin-chip-off",
  };
  return html`<span class="chip ${tone[standing]}" data-testid="standing" data-standing=${standing}
    >${t(`admin.standing.${standing}`)}</span
  >`;
}

function matches(child: AdminChildView, query: string): boolean {
  if (query === "") return true;
  const q = query.toLowerCase();
  return [child.id, child.name, child.groupName, child.className, ...child.guardians.map((g) => g.name)].some(
    (text) => text.toLowerCase().includes(q),
  );
}

interface ChildrenHost extends AdminHost {
  /** The child whose detail is open, if any. */
  openChildId: string | undefined;
}

export function childrenPanel(screen: ChildrenHost, snapshot: AdminSnapshot): TemplateResult {
  const children = snapshot.children.filter((c) => matches(c, screen.search));
  return html`<div class="admin-panel">
    <div class="admin-toolbar">
      <input
        class="admin-input"
        type="search"
        data-testid="admin-search"
        placeholder=${t("admin.children.search")}
        .value=${screen.search}
        @input=${(e: Event) => {
          screen.search = (e.target as HTMLInputElement).value;
          requestRender();
        }}
      />
      <span class="muted">${t("admin.children.count", { count: children.length, total: snapshot.children.length })}</span>
    </div>
    <details class="admin-add-child" data-testid="admin-add-child">
      <summary>${t("admin.childForm.addTitle")}</summary>
      ${childForm(screen, snapshot)}
    </details>
    <table class="admin-table" data-testid="admin-children">
      <thead>
        <tr>
          <th>${t("admin.children.id")}</th>
          <th>${t("admin.children.name")}</th>
          <th>${t("admin.children.class")}</th>
          <th>${t("admin.children.group")}</th>
          <th>${t("admin.children.standing")}</th>
          <th>${t("admin.children.today")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${children.map((child) => childRows(screen, snapshot, child))}
      </tbody>
    </table>
  </div>`;
}

function childRows(screen: ChildrenHost, snapshot: AdminSnapshot, child: AdminChildView): TemplateResult {
  const open = screen.openChildId === child.id;
  return html`<tr data-testid="admin-child-row" data-child-id=${child.id} data-standing=${child.standing}>
      <td class="mono">${child.id}</td>
      <td><strong>${child.name}</strong></td>
      <td>${classLabel(child)}</td>
      <td>${child.groupName}</td>
      <td>${standingChip(child.standing)}</td>
      <td>${
        child.inCareToday
          ? html`<span class="admin-yes">${t("admin.children.inCare")}</span>`
          : html`<span class="muted">${t("admin.children.notInCare")}</span>`
      }</td>
      <td>
        <button
          class="btn btn-secondary"
          data-testid="admin-open-child"
          @click=${() => {
            screen.openChildId = open ? undefined : child.id;
            requestRender();
          }}
        >
          ${open ? t("common.close") : t("admin.children.open")}
        </button>
      </td>
    </tr>
    ${open ? html`<tr class="admin-detail-row"><td colspan="7">${childDetail(screen, snapshot, child)}</td></tr>` : nothing}`;
}

function childDetail(screen: ChildrenHost, snapshot: AdminSnapshot, child: AdminChildView): TemplateResult {
  const today = snapshot.today;
  const latest = child.enrolments.at(-1);
  const guardianName = child.guardians[0]?.name ?? "";
  const me = t("admin.office");
  return html`<div class="admin-detail" data-testid="admin-child-detail">
    <section>
      <h3>${t("admin.enrolment.title")}</h3>
      ${child.enrolments.length === 0 ? html`<p class="muted">${t("admin.enrolment.none")}</p>` : nothing}
      <ol class="admin-steps">
        ${child.enrolments.map(
          (e) => html`<li data-testid="enrolment-record">
            <span>${t("admin.enrolment.applied", { date: e.application.date, by: e.application.by })}</span>
            ${e.approval ? html`<span>${t("admin.enrolment.approved", e.approval)}</span>` : nothing}
            ${e.declined ? html`<span>${t("admin.enrolment.declined", e.declined)}</span>` : nothing}
            ${e.agreement ? html`<span>${t("admin.enrolment.signed", { date: e.agreement.signedOn })}</span>` : nothing}
            ${e.withdrawal ? html`<span>${t("admin.enrolment.withdrawn", { date: e.withdrawal.effectiveFrom, reason: e.withdrawal.reason })}</span>` : nothing}
          </li>`,
        )}
      </ol>
      ${nextStepForm(screen, child, latest, today, guardianName, me)}
    </section>
    <section>
      <h3>${t("admin.special.title")}</h3>
      <p class="muted">${t("admin.special.hint")}</p>
      ${child.specialCare.map(
        (s) => html`<p data-testid="special-care">
          ${t("admin.special.line", { days: s.days.join("、"), group: s.groupName, by: s.decidedBy, reason: s.reason })}
          <button class="btn btn-ghost" @click=${() => void screen.run(adminApi.removeSpecialCare(s.id), t("admin.saved"))}>
            ${t("admin.remove")}
          </button>
        </p>`,
      )}
      <form
        class="admin-form"
        data-testid="special-care-form"
        @submit=${(e: Event) => {
          const f = formFields(e);
          void screen.run(
            adminApi.addSpecialCare({
              childId: child.id,
              groupId: f.groupId ?? "",
              days: [f.day ?? today],
              decidedBy: f.decidedBy ?? "",
              reason: f.reason ?? "",
            }),
            t("admin.saved"),
          );
        }}
      >
        <label>${t("admin.special.day")}<input type="date" name="day" .value=${today} required /></label>
        <label>${t("admin.special.group")}${groupSelect(snapshot, child.groupId)}</label>
        <label>${t("admin.special.decidedBy")}<input name="decidedBy" required /></label>
        <label>${t("admin.special.reason")}<input name="reason" required /></label>
        <button class="btn btn-secondary">${t("admin.special.add")}</button>
      </form>
    </section>
    <section>
      <h3>${t("admin.childForm.editTitle")}</h3>
      ${childForm(screen, snapshot, child)}
      ${child.inCareToday && nextStepIsNotWithdraw(child) ? withdrawForm(screen, child, today) : nothing}
    </section>
    ${healthEditor(screen, child)}
    <section>
      <h3>${t("admin.children.moveTitle")}</h3>
      <form
        class="admin-form"
        @submit=${(e: Event) => {
          const f = formFields(e);
          void screen.run(adminApi.moveChild(child.id, f.groupId ?? ""), t("admin.saved"));
        }}
      >
        <label>${t("admin.children.group")}${groupSelect(snapshot, child.groupId)}</label>
        <button class="btn btn-secondary">${t("admin.children.move")}</button>
      </form>
      <p class="muted">
        ${t("admin.children.guardians")}: ${child.guardians.map((g) => t("common.nameRelation", g)).join(t("common.listSeparator")) || "—"}
      </p>
    </section>
    ${childGuardians(screen, snapshot, child)}
    ${pendingList(screen, snapshot, child.id)}
    ${childNotAuthorised(screen, child)}
    ${photoSection(screen, child)}
    <button class="btn btn-secondary" data-testid="child-history-open" @click=${() => screen.openHistory(child.id)}>${t("history.open")}</button>
  </div>`;
}

/** The paperwork form already offers the withdrawal when the latest record is a signed agreement. */
function nextStepIsNotWithdraw(child: AdminChildView): boolean {
  const latest = child.enrolments.at(-1);
  return !latest?.agreement || latest.withdrawal !== undefined;
}

function groupSelect(snapshot: AdminSnapshot, selected: string): TemplateResult {
  return html`<select name="groupId">
    ${snapshot.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === selected}>${g.name}</option>`)}
  </select>`;
}

/** The one form the record's state allows: apply, approve/decline, agreement, or withdraw. */
function nextStepForm(
  screen: AdminHost,
  child: AdminChildView,
  latest: AdminChildView["enrolments"][number] | undefined,
  today: string,
  guardianName: string,
  me: string,
): TemplateResult {
  const submit = (build: (f: Record<string, string>) => Promise<unknown>) => (e: Event) =>
    void build(formFields(e));
  const step = (body: Parameters<typeof adminApi.step>[1]) =>
    latest ? screen.run(adminApi.step(latest.id, body), t("admin.saved")) : Promise.resolve();
  const ended = !latest || latest.withdrawal !== undefined || latest.declined !== undefined;
  if (ended) {
    return html`<form class="admin-form" data-testid="enrol-apply" @submit=${submit((f) =>
      screen.run(
        adminApi.apply({ childId: child.id, date: f.date ?? today, by: f.by ?? "" }),
        t("admin.saved"),
      ),
    )}>
      <label>${t("admin.enrolment.applicationDate")}<input type="date" name="date" .value=${today} required /></label>
      <label>${t("admin.enrolment.appliedBy")}<input name="by" .value=${guardianName} required /></label>
      <button class="btn btn-primary">${t("admin.enrolment.apply")}</button>
    </form>`;
  }
  if (!latest.approval) {
    return html`<form class="admin-form" data-testid="enrol-approve" @submit=${submit((f) =>
      step({ step: "approve", date: f.date ?? today, by: f.by ?? me }),
    )}>
      <label>${t("admin.enrolment.approvalDate")}<input type="date" name="date" .value=${today} required /></label>
      <label>${t("admin.enrolment.approvedBy")}<input name="by" .value=${me} required /></label>
      <button class="btn btn-primary">${t("admin.enrolment.approve")}</button>
    </form>
    <form class="admin-form" @submit=${submit((f) => step({ step: "decline", date: today, by: me, reason: f.reason ?? "" }))}>
      <label>${t("admin.enrolment.declineReason")}<input name="reason" required /></label>
      <button class="btn btn-warning">${t("admin.enrolment.decline")}</button>
    </form>`;
  }
  if (!latest.agreement) {
    return html`<form class="admin-form" data-testid="enrol-agreement" @submit=${submit((f) =>
      step({ step: "agreement", signedOn: f.date ?? today }),
    )}>
      <label>${t("admin.enrolment.signedOn")}<input type="date" name="date" .value=${today} required /></label>
      <button class="btn btn-primary">${t("admin.enrolment.sign")}</button>
    </form>`;
  }
  return html`<form class="admin-form" data-testid="enrol-withdraw" @submit=${submit((f) =>
    step({ step: "withdraw", requestedOn: f.date ?? today, reason: f.reason ?? "" }),
  )}>
    <label>${t("admin.enrolment.requestedOn")}<input type="date" name="date" .value=${today} required /></label>
    <label>${t("admin.enrolment.withdrawReason")}<input name="reason" required /></label>
    <button class="btn btn-warning">${t("admin.enrolment.withdraw")}</button>
  </form>`;
}
