import { Router } from "express";
import { HealthNotesSchema } from "../../protocol";
import type { SessionStore, UserStore } from "../ports/access";
import type { RoomService } from "../room/room-service";
import { currentUser, requireUser } from "./require-user";
import { PathIdSchema, validated } from "./validate";

/**
 * The office's health-notes editor (rule 11): the same change as the room socket's
 * `health:update`, through RoomService.updateHealth, which refuses anyone but an admin.
 */
export function healthRoutes(store: SessionStore & UserStore, rooms: RoomService, clock: () => Date): Router {
  const router = Router();
  router.use("/api/admin/health", requireUser(store, clock, ["admin"]));
  router.put("/api/admin/health/:id", async (req, res) => {
    const childId = validated(PathIdSchema, req.params.id);
    const health = validated(HealthNotesSchema.nullable(), req.body?.health ?? null);
    await rooms.updateHealth(currentUser(res), { childId, health });
    res.json({ data: null });
  });
  return router;
}
