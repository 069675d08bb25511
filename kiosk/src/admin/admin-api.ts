import type {
  AdminSnapshot,
  AttendanceReportView,
  DutyInput,
  EnrolmentApply,
  EnrolmentStep,
  GroupInput,
  ImportPreview,
  PrintCardsView,
  SpecialCareCreate,
} from "../../../protocol/admin";
import type { Schedule } from "../../../protocol/care-schedule";
import type { ChildForm, ChildFormProblem, ChildWithdraw } from "../../../protocol/child-form";
import type { HealthNotes } from "../../../protocol/room";
import { call } from "../shell/http";

/** The administration screen's HTTP calls (server/http/admin-routes.ts). Every answer is an Ack. */

const enc = encodeURIComponent;

export const adminApi = {
  snapshot: () => call<AdminSnapshot>("GET", "/api/admin/snapshot"),
  apply: (input: EnrolmentApply) => call<null>("POST", "/api/admin/enrolments", input),
  step: (enrolmentId: string, step: EnrolmentStep) =>
    call<null>("POST", `/api/admin/enrolments/${enc(enrolmentId)}/step`, step),
  addSpecialCare: (input: SpecialCareCreate) => call<null>("POST", "/api/admin/special-care", input),
  removeSpecialCare: (id: string) => call<null>("DELETE", `/api/admin/special-care/${enc(id)}`),
  saveGroup: (id: string | undefined, input: GroupInput) =>
    id === undefined
      ? call<null>("POST", "/api/admin/groups", input)
      : call<null>("PUT", `/api/admin/groups/${enc(id)}`, input),
  addRoom: (name: string) => call<null>("POST", "/api/admin/rooms", { name }),
  updateHealth: (childId: string, health: HealthNotes | null) =>
    call<null>("PUT", `/api/admin/health/${enc(childId)}`, { health }),
  saveChild: (childId: string | undefined, form: ChildForm) =>
    childId === undefined
      ? call<{ problems: ChildFormProblem[] }>("POST", "/api/admin/children", form)
      : call<{ problems: ChildFormProblem[] }>("PUT", `/api/admin/children/${enc(childId)}`, form),
  withdrawChild: (childId: string, input: ChildWithdraw) =>
    call<null>("POST", `/api/admin/children/${enc(childId)}/withdraw`, input),
  moveChild: (childId: string, groupId: string) =>
    call<null>("POST", `/api/admin/children/${enc(childId)}/group`, { groupId }),
  addDuty: (input: DutyInput) => call<null>("POST", "/api/admin/duties", input),
  removeDuty: (id: string) => call<null>("DELETE", `/api/admin/duties/${enc(id)}`),
  cardStatus: (cardId: string, status: "active" | "lost" | "revoked") =>
    call<null>("POST", `/api/admin/cards/${enc(cardId)}/status`, { status }),
  bindStaffCard: (userId: string, cardNumber: string) =>
    call<{ cardId: string }>("POST", "/api/admin/staff-cards", { userId, cardNumber }),
  preview: (file: Blob) => call<ImportPreview>("POST", "/api/admin/import/preview", file),
  importRoster: (file: Blob) =>
    call<{ rows: number; summary: { added: Record<string, number> } }>("POST", "/api/admin/import", file),
  printCards: (filter: { guardianId?: string }) =>
    call<PrintCardsView>(
      "GET",
      `/api/admin/print-cards${filter.guardianId ? `?guardianId=${enc(filter.guardianId)}` : ""}`,
    ),
  attendance: (month: string) =>
    call<AttendanceReportView>("GET", `/api/admin/attendance?month=${enc(month)}`),
  schedule: () => call<{ schedule: Schedule; isDefault: boolean }>("GET", "/api/admin/schedule"),
  saveSchedule: (schedule: Schedule) => call<null>("PUT", "/api/admin/schedule", schedule),
};

/** The largest file the server takes (server/http/admin-io-routes.ts). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
