import type { IncomingMessage } from "node:http";
import { parse as parseCookies, serialize } from "cookie";
import { Router } from "express";
import { DEVICE_ROUTE_HEADER, deviceRoute } from "../../common/device-route";
import { ChooseSchoolSchema, type DistrictSchoolView } from "../../protocol";
import type { LoginLimit } from "../auth/login-limit";
import { sessionTokenFromCookieHeader } from "../auth/session-cookie";
import { sha256Hex } from "../auth/tokens";
import { sendError } from "../http/errors";
import { sessionRoutes } from "../http/session-routes";
import type { SessionStore, UserStore } from "../ports/access";
import type { Storage } from "../ports/storage";
import type { SchoolRuntime } from "../school-runtime";
import type { SchoolRouter } from "./front-server";

/** The school a district reader is looking at: chosen on the district page, kept in a cookie. */
export const DISTRICT_SCHOOL_COOKIE = "wf_school";

/** One school of the process: its own storage (for finding whose a request is) and its runtime. */
export interface DistrictSchool {
  id: string;
  name: string;
  store: Storage;
  runtime: SchoolRuntime;
}

/** The district's logins, read from the database when the copy does not know a cookie or a name. */
export interface DistrictLogins extends UserStore, SessionStore {
  refreshSession(tokenHash: string): Promise<unknown>;
  refreshUser(username: string): Promise<unknown>;
}

/**
 * Several schools behind one port. A request belongs to the school whose staff holds its session
 * cookie; a login to the school whose staff has the username (usernames are unique across the
 * district); a gate agent's socket to the school holding its device (its route header); a district
 * reader's request to the school they chose. Everything else (no session, an unknown one) goes to
 * the first school, which refuses it as any school would.
 */
export function districtRouter(
  schools: () => readonly DistrictSchool[],
  district: DistrictLogins | undefined,
  clock: () => Date,
  loginLimit: LoginLimit,
): SchoolRouter {
  const first = (): SchoolRuntime => {
    const school = schools()[0];
    if (!school) throw new Error("no school to serve");
    return school.runtime;
  };
  const districtReader = async (req: IncomingMessage) => {
    const token = sessionTokenFromCookieHeader(req.headers.cookie);
    if (!token || !district) return undefined;
    const hash = sha256Hex(token);
    await district.refreshSession(hash);
    const session = district.findSession(hash);
    if (!session || Date.parse(session.expiresAt) <= clock().getTime()) return undefined;
    return district.findUser(session.userId);
  };
  const chosenSchool = (req: IncomingMessage) => {
    const id = parseCookies(req.headers.cookie ?? "")[DISTRICT_SCHOOL_COOKIE];
    return schools().find((s) => s.id === id);
  };

  // A digest per device and request would add up on a district of many gates: kept per token hash.
  const deviceRoutes = new Map<string, string>();
  const routeOf = (tokenHash: string) => {
    const known = deviceRoutes.get(tokenHash);
    if (known !== undefined) return known;
    const route = deviceRoute(tokenHash);
    deviceRoutes.set(tokenHash, route);
    return route;
  };

  const schoolOf = async (req: IncomingMessage): Promise<SchoolRuntime> => {
    const token = sessionTokenFromCookieHeader(req.headers.cookie);
    if (token) {
      const hash = sha256Hex(token);
      const own = schools().find((s) => s.store.findSession(hash) !== undefined);
      if (own) return own.runtime;
      if (await districtReader(req)) return (chosenSchool(req) ?? schools()[0])?.runtime ?? first();
    }
    const route = req.headers[DEVICE_ROUTE_HEADER];
    if (typeof route === "string") {
      const holder = schools().find((s) => s.store.listDevices().some((d) => routeOf(d.tokenHash) === route));
      if (holder) return holder.runtime;
    }
    return first();
  };

  const routes = Router();
  const districtSessions = district ? sessionRoutes(district, clock, () => {}, loginLimit) : undefined;
  routes.post("/api/session", async (req, res, next) => {
    const username: unknown = (req.body as { username?: unknown } | undefined)?.username;
    if (typeof username !== "string") {
      next();
      return;
    }
    const staffOf = schools().find((s) => s.store.findUserByUsername(username) !== undefined);
    if (staffOf) {
      staffOf.runtime.app(req, res, next);
      return;
    }
    if (district && districtSessions && (await district.refreshUser(username))) {
      districtSessions(req, res, next);
      return;
    }
    next();
  });
  routes.get("/api/district/schools", async (req, res) => {
    if (!(await districtReader(req))) {
      sendError(res, "AUTH_FORBIDDEN", "for the district's logins");
      return;
    }
    const chosen = chosenSchool(req)?.id;
    const views: DistrictSchoolView[] = schools().map((s) => ({
      id: s.id,
      name: s.name,
      chosen: s.id === chosen,
    }));
    res.json({ data: views });
  });
  routes.put("/api/district/school", async (req, res) => {
    if (!(await districtReader(req))) {
      sendError(res, "AUTH_FORBIDDEN", "for the district's logins");
      return;
    }
    const parsed = ChooseSchoolSchema.safeParse(req.body);
    const school = parsed.success ? schools().find((s) => s.id === parsed.data.schoolId) : undefined;
    if (!school) {
      sendError(res, "NOT_FOUND", "no such school");
      return;
    }
    res.setHeader(
      "Set-Cookie",
      serialize(DISTRICT_SCHOOL_COOKIE, school.id, {
        httpOnly: true,
        sameSite: "strict",
        secure: req.secure,
        path: "/",
      }),
    );
    res.json({ data: { id: school.id, name: school.name } });
  });
  return { schoolOf, routes };
}
