import { join, resolve } from "node:path";
import { packageRoot } from "../common/package-root";

export const PACKAGE_ROOT = packageRoot();
export const KIOSK_DIST = resolve(PACKAGE_ROOT, "kiosk/dist");
export const PROFILES_DIR = resolve(PACKAGE_ROOT, "hardware-profiles");

export const DEFAULT_PORT = 8080;

export function dataDirFrom(option: string | undefined): string {
  return resolve(option ?? process.env.DATA_DIR ?? "./data");
}

export function portFrom(option: string | undefined): number {
  const raw = option ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port number: ${raw}`);
  return port;
}

/**
 * A school's photos on a node of a district database: apart per school, because file names are
 * student numbers and phones, which repeat across schools.
 */
export function schoolPhotosDir(dataDir: string, schoolId: string): string {
  return join(dataDir, "photos", schoolId);
}
