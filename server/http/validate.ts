import { z } from "zod";
import { WanfengError } from "../../protocol";

/** Parses a request part at the boundary; the error handler turns the throw into VALIDATION_FAILED. */
export function validated<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new WanfengError("VALIDATION_FAILED", z.prettifyError(result.error));
  return result.data;
}

/** A path parameter: an id of the document (student numbers, card ids, generated ids). */
export const PathIdSchema = z.string().trim().min(1).max(64);
