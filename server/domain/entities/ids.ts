import { z } from "zod";

/** Ids of stored things: school numbers, generated ids, canonical card ids. */
export const EntityIdSchema = z.string().min(1).max(64);
