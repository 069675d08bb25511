import { isWanfengError } from "../protocol";

/** A CLI failure: one clear line (and the details that name rows/fields), exit code 1. */
export function reportCliError(err: unknown): never {
  if (isWanfengError(err)) {
    console.error(`error ${err.code}: ${err.message}`);
  } else {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
}
