import { Router } from "express";
import { type PurgePreview, RetentionUpdateSchema, type RetentionView, WanfengError } from "../../protocol";
import type { SchoolRoster } from "../domain/entities";
import { schoolDay } from "../domain/school-day";
import type { SessionStore, UserStore } from "../ports/access";
import type { RetentionStore } from "../ports/retention";
import type { RosterReader } from "../ports/roster";
import { type PurgeDeps, type PurgePlan, planPurge } from "../privacy/purge";
import { retentionOf } from "../privacy/retention-plan";
import { requireUser } from "./require-user";
import { validated } from "./validate";

/**
 * The retention settings on the office's screen (PIPL, issue 10 item 7), admin only: read and
 * change them (a settings change, so the change record names the admin), and the purge's dry run
 * as data with the last run. Without `purge` (a backend whose purge is not wired) the preview is
 * NOT_FOUND; the settings still work.
 */
export function retentionRoutes(
  store: SessionStore & UserStore & RosterReader & RetentionStore,
  clock: () => Date,
  purge: Pick<PurgeDeps, "roster" | "journal"> | undefined,
): Router {
  const router = Router();
  const admin = requireUser(store, clock, ["admin"]);

  router.get("/api/admin/retention", admin, (_req, res) => {
    res.json({ data: retentionView(store.schoolRoster()) });
  });
  router.put("/api/admin/retention", admin, async (req, res) => {
    await store.setRetention(validated(RetentionUpdateSchema, req.body));
    res.json({ data: retentionView(store.schoolRoster()) });
  });
  router.get("/api/admin/retention/preview", admin, async (_req, res) => {
    if (!purge) throw new WanfengError("NOT_FOUND", "the purge is not available on this server");
    const today = schoolDay(clock(), store.schoolRoster().settings.timezone);
    res.json({ data: previewOf(await planPurge(purge, today)) });
  });
  return router;
}

function retentionView(roster: SchoolRoster): RetentionView {
  const { retention, lastPurge } = roster.settings;
  const { withdrawnDataDays, journalYears } = retentionOf(roster);
  return {
    retention: { withdrawnDataDays, journalYears },
    isDefault: retention === undefined,
    ...(lastPurge ? { lastPurge: { ...lastPurge } } : {}),
  };
}

/** The plan without what only the purge needs (the custody photos' file names). */
function previewOf(plan: PurgePlan): PurgePreview {
  return {
    today: plan.today,
    retention: { ...plan.retention },
    journalCutoff: plan.journalCutoff,
    children: plan.children.map(({ childId, name, withdrawnFrom, removes }) => ({
      childId,
      name,
      withdrawnFrom,
      removes,
    })),
    guardians: plan.guardians.map(({ guardianId, name, removes }) => ({ guardianId, name, removes })),
    journalDays: plan.journalDays.map(({ day, entries }) => ({ day, entries })),
  };
}
