import { basename } from "node:path";
import { WanfengError } from "../protocol/errors";

export interface ReaderSpec {
  profile: string;
  path: string;
  readerId?: string;
}

export const MAX_READER_ID = 64;

/** "generic/rdm6300:/dev/ttyUSB0" → { profile, path }. Profile ids never contain ":", paths may. */
export function parseReaderSpec(spec: string): { profile: string; path: string } {
  const at = spec.indexOf(":");
  const profile = at < 0 ? "" : spec.slice(0, at).trim();
  const path = at < 0 ? "" : spec.slice(at + 1).trim();
  if (profile === "" || path === "") {
    throw new WanfengError(
      "VALIDATION_FAILED",
      `reader must be "<profile>:<path>", e.g. generic/rdm6300:/dev/ttyUSB0, got "${spec}"`,
    );
  }
  return { profile, path };
}

/**
 * The id the server sees for a reader: given, or the port's name (ttyUSB0), at most 64 chars.
 * A HID reader found by "auto" has no port name: it is called after its profile's model
 * (usb-wedge-em4100), so two different auto readers on one agent do not clash.
 */
export function readerIdOf(spec: ReaderSpec): string {
  if (spec.readerId !== undefined) {
    const id = spec.readerId.trim();
    if (id === "" || id.length > MAX_READER_ID) {
      throw new WanfengError(
        "VALIDATION_FAILED",
        `readerId must be 1 to ${MAX_READER_ID} characters: "${spec.readerId}"`,
      );
    }
    return id;
  }
  const name =
    spec.path === "auto"
      ? (spec.profile.split("/").at(-1) ?? spec.profile)
      : basename(spec.path) || spec.path;
  return name.slice(0, MAX_READER_ID);
}
