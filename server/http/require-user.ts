import type { NextFunction, Request, Response } from "express";
import type { Role } from "../../protocol";
import { isSchoolStaff } from "../auth/access";
import { sessionTokenFromCookieHeader } from "../auth/session-cookie";
import { resolveSession } from "../auth/sessions";
import type { User } from "../domain/entities";
import type { SessionStore, UserStore } from "../ports/access";
import { runAsUntil, userActor } from "../store/change-actor";
import { sendError } from "./errors";

declare module "express-serve-static-core" {
  interface Locals {
    user?: User;
  }
}

/**
 * Every /api route but login goes through this: a valid session cookie, and one of the roles.
 * Without `roles`, any of the school's staff: a district user passes only where a route names it.
 */
export function requireUser(store: SessionStore & UserStore, clock: () => Date, roles?: readonly Role[]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = sessionTokenFromCookieHeader(req.headers.cookie);
    const user = token ? await resolveSession(store, token, clock()) : undefined;
    if (!user) {
      sendError(res, "AUTH_REQUIRED", "log in first");
      return;
    }
    if (roles ? !roles.includes(user.role) : !isSchoolStaff(user)) {
      sendError(res, "AUTH_FORBIDDEN", "not allowed for this role");
      return;
    }
    res.locals.user = user;
    // The path without its query: what the change record names as the action. The route's work
    // goes on after next() returns; it is over when its response is sent or the client went.
    runAsUntil(userActor(user, `${req.method} ${req.baseUrl}${req.path}`), next, (done) =>
      res.once("close", done),
    );
  };
}

export function currentUser(res: Response): User {
  const user = res.locals.user;
  if (!user) throw new Error("requireUser must run before this handler");
  return user;
}
