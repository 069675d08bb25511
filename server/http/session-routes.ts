import { Router } from "express";
import { createLogger } from "../../common/log";
import { LoginRequestSchema, ROLES, type SessionUser } from "../../protocol";
import { MemoryAttemptStore } from "../auth/attempt-store";
import { LoginLimit } from "../auth/login-limit";
import { clearedSessionCookie, sessionCookie, sessionTokenFromCookieHeader } from "../auth/session-cookie";
import { createSession, deleteSession } from "../auth/sessions";
import { sha256Hex } from "../auth/tokens";
import { authenticateUser } from "../auth/users";
import type { User } from "../domain/entities";
import type { SessionStore, UserStore } from "../ports/access";
import { sendError } from "./errors";
import { currentUser, requireUser } from "./require-user";

const log = createLogger("session");

export function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    groupIds: user.groupIds,
  };
}

/**
 * Login and logout. `onLogout` gets the ended session's hash, so the server can close the
 * sockets opened with it (a screen must not outlive its logout). `loginLimit` is the process's
 * (`PasswordLimits`): every school of a process and every node of a database count guesses together.
 */
export function sessionRoutes(
  store: SessionStore & UserStore,
  clock: () => Date,
  onLogout: (tokenHash: string) => void = () => {},
  loginLimit: LoginLimit = new LoginLimit(new MemoryAttemptStore()),
): Router {
  const router = Router();

  router.post("/api/session", async (req, res) => {
    const parsed = LoginRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, "VALIDATION_FAILED", "username and password are required");
      return;
    }
    const { username, password } = parsed.data;
    // Taken before scrypt runs, so parallel guesses cannot all start before the first fails.
    const attempt = await loginLimit.reserve(username, req.ip ?? "unknown", clock());
    const user = await authenticateUser(store, username, password);
    if (!user) {
      log.warn({ username, ip: req.ip }, "login failed");
      sendError(res, "AUTH_BAD_CREDENTIALS", "wrong username or password");
      return;
    }
    await attempt.succeeded();
    const token = await createSession(store, user.id, clock());
    log.info({ username: user.username, role: user.role }, "logged in");
    // req.secure: HTTPS here, or X-Forwarded-Proto from the proxy named by --trust-proxy.
    res.setHeader("Set-Cookie", sessionCookie(token, req.secure));
    res.json({ data: { ...toSessionUser(user), serverAt: clock().toISOString() } });
  });

  router.get("/api/session", requireUser(store, clock, ROLES), (_req, res) => {
    res.json({ data: { ...toSessionUser(currentUser(res)), serverAt: clock().toISOString() } });
  });

  router.delete("/api/session", async (req, res) => {
    const token = sessionTokenFromCookieHeader(req.headers.cookie);
    if (token) {
      await deleteSession(store, token);
      onLogout(sha256Hex(token));
    }
    res.setHeader("Set-Cookie", clearedSessionCookie(req.secure));
    res.status(204).end();
  });
  return router;
}
