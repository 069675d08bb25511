import { Router } from "express";
import { z } from "zod";
import { canUseTechnicianTools } from "../auth/access";
import { searchHolders } from "../enrolment/holders";
import type { SessionStore, UserStore } from "../ports/access";
import type { RosterReader } from "../ports/roster";
import { sendError } from "./errors";
import { currentUser, requireUser } from "./require-user";

const QuerySchema = z.object({ q: z.string().max(64).default("") });

/** Whom a card can be bound to: for the technician's enrolment panel (technician and admin). */
export function rosterRoutes(store: SessionStore & UserStore & RosterReader, clock: () => Date): Router {
  const router = Router();
  router.get("/api/roster/holders", requireUser(store, clock), (req, res) => {
    if (!canUseTechnicianTools(currentUser(res))) {
      sendError(res, "AUTH_FORBIDDEN", "not allowed for this role");
      return;
    }
    const parsed = QuerySchema.safeParse(req.query);
    if (!parsed.success) {
      sendError(res, "VALIDATION_FAILED", "q must be a short text");
      return;
    }
    const familyLinks = currentUser(res).role === "admin";
    res.json({ data: searchHolders(store.schoolRoster(), parsed.data.q, { familyLinks }) });
  });
  return router;
}
