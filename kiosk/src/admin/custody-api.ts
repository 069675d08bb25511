import type {
  GuardianAddBody,
  GuardianEdit,
  NotAuthorisedInput,
  PendingAuthorityView,
} from "../../../protocol/custody";
import { call } from "../shell/http";

/** Who may and may not collect a child (server/http/custody-routes.ts). Every answer is an Ack. */

const enc = encodeURIComponent;
type NotAuthorisedBody = { [K in keyof NotAuthorisedInput]?: string };

export const custodyApi = {
  addGuardian: (childId: string, input: GuardianAddBody) =>
    call<{ guardianId: string }>("POST", `/api/admin/children/${enc(childId)}/guardians`, input),
  editGuardian: (childId: string, guardianId: string, input: GuardianEdit) =>
    call<null>("PUT", `/api/admin/children/${enc(childId)}/guardians/${enc(guardianId)}`, input),
  unlinkGuardian: (childId: string, guardianId: string) =>
    call<null>("DELETE", `/api/admin/children/${enc(childId)}/guardians/${enc(guardianId)}`),
  bindCard: (guardianId: string, cardNumber: string) =>
    call<{ cardId: string }>("POST", `/api/admin/guardians/${enc(guardianId)}/cards`, { cardNumber }),
  unbindCard: (cardId: string) => call<null>("DELETE", `/api/admin/guardian-cards/${enc(cardId)}`),
  cardStatus: (cardId: string, status: "active" | "lost" | "revoked") =>
    call<null>("POST", `/api/admin/guardian-cards/${enc(cardId)}/status`, { status }),
  saveNotAuthorised: (childId: string, entryId: string | undefined, input: NotAuthorisedBody) =>
    entryId === undefined
      ? call<{ entryId: string }>("POST", `/api/admin/children/${enc(childId)}/not-authorised`, input)
      : call<null>("PUT", `/api/admin/children/${enc(childId)}/not-authorised/${enc(entryId)}`, input),
  removeNotAuthorised: (childId: string, entryId: string) =>
    call<null>("DELETE", `/api/admin/children/${enc(childId)}/not-authorised/${enc(entryId)}`),
  answer: (ref: PendingAuthorityView["ref"], answer: "confirm" | "reject") =>
    call<null>("POST", "/api/admin/pending-authorities/answer", { ref, answer }),
};
