import { Router } from "express";
import {
  AuthorityAnswerSchema,
  CardStatusSchema,
  GuardianAddSchema,
  GuardianCardSchema,
  GuardianEditSchema,
  NotAuthorisedInputSchema,
} from "../../protocol";
import type { CustodyService } from "../admin/custody-service";
import { pendingAuthorities } from "../admin/custody-views";
import type { SessionStore, UserStore } from "../ports/access";
import type { RosterReader } from "../ports/roster";
import { currentUser, requireUser } from "./require-user";
import { PathIdSchema, validated } from "./validate";

/**
 * Who may and may not collect a child (issue 10), admin only: guardians and their cards, the
 * not-authorised list, and the office's answer to pending pickup authorities. Writes pass the
 * same-origin rule of every write (server/http/same-origin.ts, mounted for the whole app).
 */
export function custodyRoutes(
  store: SessionStore & UserStore & RosterReader,
  custody: CustodyService,
  clock: () => Date,
): Router {
  const router = Router();
  const admin = requireUser(store, clock, ["admin"]);
  const id = (value: unknown) => validated(PathIdSchema, value);
  const done = { data: null };

  router.post("/api/admin/children/:id/guardians", admin, async (req, res) => {
    const input = validated(GuardianAddSchema, req.body);
    res.json({ data: { guardianId: await custody.addGuardian(currentUser(res), id(req.params.id), input) } });
  });
  router.put("/api/admin/children/:id/guardians/:guardianId", admin, async (req, res) => {
    const input = validated(GuardianEditSchema, req.body);
    await custody.editGuardian(currentUser(res), id(req.params.id), id(req.params.guardianId), input);
    res.json(done);
  });
  router.delete("/api/admin/children/:id/guardians/:guardianId", admin, async (req, res) => {
    await custody.unlinkGuardian(currentUser(res), id(req.params.id), id(req.params.guardianId));
    res.json(done);
  });

  router.post("/api/admin/guardians/:id/cards", admin, async (req, res) => {
    const { cardNumber } = validated(GuardianCardSchema, req.body);
    res.json({
      data: { cardId: await custody.bindGuardianCard(currentUser(res), id(req.params.id), cardNumber) },
    });
  });
  router.delete("/api/admin/guardian-cards/:id", admin, async (req, res) => {
    await custody.unbindGuardianCard(currentUser(res), id(req.params.id));
    res.json(done);
  });
  router.post("/api/admin/guardian-cards/:id/status", admin, async (req, res) => {
    const { status } = validated(CardStatusSchema, req.body);
    await custody.setGuardianCardStatus(currentUser(res), id(req.params.id), status);
    res.json(done);
  });

  router.post("/api/admin/children/:id/not-authorised", admin, async (req, res) => {
    const input = validated(NotAuthorisedInputSchema, req.body);
    const entryId = await custody.saveNotAuthorised(currentUser(res), id(req.params.id), undefined, input);
    res.json({ data: { entryId } });
  });
  router.put("/api/admin/children/:id/not-authorised/:entryId", admin, async (req, res) => {
    const input = validated(NotAuthorisedInputSchema, req.body);
    await custody.saveNotAuthorised(currentUser(res), id(req.params.id), id(req.params.entryId), input);
    res.json(done);
  });
  router.delete("/api/admin/children/:id/not-authorised/:entryId", admin, async (req, res) => {
    await custody.removeNotAuthorised(currentUser(res), id(req.params.id), id(req.params.entryId));
    res.json(done);
  });

  router.get("/api/admin/pending-authorities", admin, (_req, res) => {
    res.json({ data: pendingAuthorities(store.schoolRoster()) });
  });
  router.post("/api/admin/pending-authorities/answer", admin, async (req, res) => {
    const { ref, answer } = validated(AuthorityAnswerSchema, req.body);
    await custody.settle(currentUser(res), ref, answer);
    res.json(done);
  });
  return router;
}
