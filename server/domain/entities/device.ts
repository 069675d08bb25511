import { z } from "zod";
import { DeviceKindSchema, ReaderConfigSchema } from "../../../protocol";
import { EntityIdSchema as id } from "./ids";

/** A registered gate agent or room reader. */
export const DeviceSchema = z.object({
  id,
  name: z.string().min(1),
  kind: DeviceKindSchema,
  /** For a room device: the care group whose children check in on its reader. */
  groupId: id.optional(),
  /** sha256 of the device token; the token itself is shown once, when the device is added. */
  tokenHash: z.string().min(1),
  createdAt: z.string(),
  /** Readers set up from the technician screen; an agent started without `--reader` runs these. */
  readers: z.array(ReaderConfigSchema).max(8).optional(),
});
export type Device = z.infer<typeof DeviceSchema>;
