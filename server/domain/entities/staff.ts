import { z } from "zod";
import { RoleSchema } from "../../../protocol";
import { EntityIdSchema as id } from "./ids";

/** Logins (staff and technicians) and their sessions. */

export const UserSchema = z.object({
  id,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1),
  role: RoleSchema,
  /** scrypt hash, see server/auth/password.ts. */
  passwordHash: z.string().min(1),
  /** Care groups a teacher may open on a kiosk; ignored for other roles. */
  groupIds: z.array(id),
});
export type User = z.infer<typeof UserSchema>;

export const SessionSchema = z.object({
  /** sha256 of the cookie value. */
  tokenHash: z.string().min(1),
  userId: id,
  expiresAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;
