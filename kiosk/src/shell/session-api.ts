import type { StaffStatusView } from "../../../protocol/admin";
import type { Ack } from "../../../protocol/errors";
import type { GroupSummary, SessionUser } from "../../../protocol/model";
import { call } from "./http";
import { learnServerTime } from "./server-clock";

/** The session, the home page's groups and the logged-in person's own staff sign-in, over HTTP. */

export function getSession(): Promise<Ack<SessionUser>> {
  return call<SessionUser>("GET", "/api/session").then(withServerTime);
}

export function login(username: string, password: string): Promise<Ack<SessionUser>> {
  return call<SessionUser>("POST", "/api/session", { username, password }).then(withServerTime);
}

/** Every page's header shows the server's clock from the first answer on, not only live views'. */
function withServerTime(answer: Ack<SessionUser>): Ack<SessionUser> {
  if ("data" in answer) learnServerTime(answer.data.serverAt);
  return answer;
}

export function logout(): Promise<Ack<undefined>> {
  return call<undefined>("DELETE", "/api/session");
}

export function getGroups(): Promise<Ack<GroupSummary[]>> {
  return call<GroupSummary[]>("GET", "/api/groups");
}

export function getStaffStatus(): Promise<Ack<StaffStatusView>> {
  return call<StaffStatusView>("GET", "/api/staff/me");
}

export function staffSign(action: "in" | "out"): Promise<Ack<StaffStatusView>> {
  return call<StaffStatusView>("POST", "/api/staff/sign", { action });
}
