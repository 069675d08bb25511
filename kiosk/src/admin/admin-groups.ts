import { html, nothing, type TemplateResult } from "lit";
import type { AdminGroupView, AdminSnapshot, DutyInput, GroupInput } from "../../../protocol/admin";
import type { WireError } from "../../../protocol/errors";
import { t } from "../i18n";
import { failureText } from "../shell/format";
import { showToast } from "../shell/toast";
import { adminApi } from "./admin-api";
import { type AdminHost, formFields } from "./admin-panel";

/** Care groups (capacity, room; classes and grades may mix), rooms, and the duty roster (值班表). */

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Today's people of a group, in the screen's language ("周家长 (from 16:00)" on the English screen). */
export function dutyTodayText(group: Pick<AdminGroupView, "dutyToday">): string {
  return group.dutyToday
    .map((d) => (d.from ? t("admin.groups.dutyFrom", { name: d.name, from: d.from }) : d.name))
    .join(" → ");
}

/**
 * Saving a group: GROUP_FULL here means the new maximum is below the children already in it,
 * not that the group is full, and the screen says so.
 */
export function groupSaveFailure(error: WireError, members: number): string {
  return error.code === "GROUP_FULL" ? t("admin.groups.belowMembers", { members }) : failureText(error);
}

async function saveGroup(screen: AdminHost, group: AdminGroupView, input: GroupInput): Promise<void> {
  const answer = await adminApi.saveGroup(group.id, input);
  if ("error" in answer) showToast(groupSaveFailure(answer.error, group.members), "error");
  else await screen.run(Promise.resolve(answer), t("admin.saved"));
}

function groupRow(screen: AdminHost, snapshot: AdminSnapshot, group: AdminGroupView): TemplateResult {
  const duty = dutyTodayText(group);
  return html`<tr data-testid="admin-group-row" data-group-id=${group.id}>
    <td colspan="6">
      <form
        class="admin-form admin-form-inline"
        @submit=${(e: Event) => {
          const f = formFields(e);
          void saveGroup(screen, group, {
            name: f.name ?? "",
            roomId: f.roomId ?? "",
            capacity: Number(f.capacity),
          });
        }}
      >
        <input name="name" .value=${group.name} required aria-label=${t("admin.groups.name")} />
        <select name="roomId" aria-label=${t("admin.groups.room")}>
          ${snapshot.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === group.roomId}>${r.name}</option>`)}
        </select>
        <input
          name="capacity"
          type="number"
          min="1"
          max="200"
          .value=${String(group.capacity)}
          aria-label=${t("admin.groups.capacity")}
        />
        <span data-testid="group-counts"
          >${t("admin.groups.counts", { members: group.members, expected: group.expectedToday })}</span
        >
        <span class="admin-duty" data-testid="group-duty">${duty || t("admin.groups.noDuty")}</span>
        <button class="btn btn-secondary">${t("admin.save")}</button>
      </form>
    </td>
  </tr>`;
}

export function groupsPanel(screen: AdminHost, snapshot: AdminSnapshot): TemplateResult {
  const groupName = (id: string) => snapshot.groups.find((g) => g.id === id)?.name ?? id;
  return html`<div class="admin-panel">
    <h3>${t("admin.groups.title")}</h3>
    <p class="muted">${t("admin.groups.hint")}</p>
    <table class="admin-table" data-testid="admin-groups">
      <tbody>
        ${snapshot.groups.map((g) => groupRow(screen, snapshot, g))}
      </tbody>
    </table>
    <form
      class="admin-form"
      data-testid="group-add"
      @submit=${(e: Event) => {
        const f = formFields(e);
        void screen.run(
          adminApi.saveGroup(undefined, {
            name: f.name ?? "",
            roomId: f.roomId ?? "",
            capacity: Number(f.capacity || 30),
          }),
          t("admin.saved"),
        );
      }}
    >
      <label>${t("admin.groups.name")}<input name="name" required /></label>
      <label
        >${t("admin.groups.room")}
        <select name="roomId">
          ${snapshot.rooms.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
        </select></label
      >
      <label>${t("admin.groups.capacity")}<input name="capacity" type="number" min="1" max="200" value="30" /></label>
      <button class="btn btn-primary">${t("admin.groups.add")}</button>
    </form>

    <h3>${t("admin.rooms.title")}</h3>
    <p>${snapshot.rooms.map((r) => html`<span class="chip chip-expected">${r.name}</span> `)}</p>
    <form
      class="admin-form"
      @submit=${(e: Event) => void screen.run(adminApi.addRoom(formFields(e).name ?? ""), t("admin.saved"))}
    >
      <label>${t("admin.rooms.name")}<input name="name" required /></label>
      <button class="btn btn-secondary">${t("admin.rooms.add")}</button>
    </form>

    <h3>${t("admin.duty.title")}</h3>
    <p class="muted">${t("admin.duty.hint")}</p>
    <table class="admin-table" data-testid="admin-duties">
      <thead>
        <tr>
          <th>${t("admin.duty.group")}</th>
          <th>${t("admin.duty.when")}</th>
          <th>${t("admin.duty.person")}</th>
          <th>${t("admin.duty.from")}</th>
          <th>${t("admin.duty.note")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${snapshot.duties.map(
          (d) => html`<tr data-testid="duty-row">
            <td>${groupName(d.groupId)}</td>
            <td>${d.date ?? (d.weekday ? t(`admin.weekday.${d.weekday}`) : "")}</td>
            <td>
              ${d.name}
              ${d.kind === "volunteer" ? html`<span class="chip admin-chip-wait">${t("admin.duty.volunteer")}</span>` : nothing}
            </td>
            <td>${d.from ?? ""}</td>
            <td>${d.note ?? ""}</td>
            <td>
              <button class="btn btn-ghost" @click=${() => void screen.run(adminApi.removeDuty(d.id), t("admin.saved"))}>
                ${t("admin.remove")}
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${dutyForm(screen, snapshot)}
  </div>`;
}

function dutyForm(screen: AdminHost, snapshot: AdminSnapshot): TemplateResult {
  const teachers = snapshot.staff.filter((u) => u.role === "teacher" || u.role === "admin");
  const submit = (e: Event) => {
    const f = formFields(e);
    const person: DutyInput["person"] =
      f.person === "volunteer"
        ? {
            kind: "volunteer",
            name: f.volunteerName ?? "",
            ...(f.volunteerPhone ? { phone: f.volunteerPhone } : {}),
          }
        : { kind: "teacher", userId: f.person ?? "" };
    const when = f.date ? { date: f.date } : { weekday: (f.weekday ?? "mon") as DutyInput["weekday"] };
    const input: DutyInput = {
      groupId: f.groupId ?? "",
      ...when,
      person,
      ...(f.from ? { from: f.from } : {}),
      ...(f.note ? { note: f.note } : {}),
    };
    void screen.run(adminApi.addDuty(input), t("admin.saved"));
  };
  return html`<form class="admin-form" data-testid="duty-add" @submit=${submit}>
    <label
      >${t("admin.duty.group")}
      <select name="groupId">
        ${snapshot.groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}
      </select></label
    >
    <label
      >${t("admin.duty.weekday")}
      <select name="weekday">
        ${WEEKDAYS.map((w) => html`<option value=${w}>${t(`admin.weekday.${w}`)}</option>`)}
      </select></label
    >
    <label>${t("admin.duty.orDate")}<input type="date" name="date" /></label>
    <label
      >${t("admin.duty.person")}
      <select name="person">
        ${teachers.map((u) => html`<option value=${u.id}>${u.displayName}</option>`)}
        <option value="volunteer">${t("admin.duty.volunteer")}</option>
      </select></label
    >
    <label>${t("admin.duty.volunteerName")}<input name="volunteerName" /></label>
    <label>${t("admin.duty.volunteerPhone")}<input name="volunteerPhone" /></label>
    <label>${t("admin.duty.from")}<input type="time" name="from" /></label>
    <label>${t("admin.duty.note")}<input name="note" /></label>
    <button class="btn btn-primary">${t("admin.duty.add")}</button>
  </form>`;
}
