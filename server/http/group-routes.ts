import { Router } from "express";
import { type GroupSummary, ROLES } from "../../protocol";
import { visibleGroupIds } from "../auth/access";
import type { DayService } from "../day/day-service";
import { groupSummary } from "../domain/views";
import type { SessionStore, UserStore } from "../ports/access";
import { currentUser, requireUser } from "./require-user";

export function groupRoutes(store: SessionStore & UserStore, day: DayService, clock: () => Date): Router {
  const router = Router();
  router.get("/api/groups", requireUser(store, clock, ROLES), (_req, res) => {
    const roster = day.currentRoster;
    const ids = visibleGroupIds(currentUser(res), [...roster.groups.keys()]);
    const groups = ids
      .map((id) => groupSummary(roster, id))
      .filter((g): g is GroupSummary => g !== undefined);
    res.json({ data: groups });
  });
  return router;
}
