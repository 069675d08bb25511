import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { z } from "zod";
import { WanfengError } from "../../protocol/errors";
import { packageRoot } from "../package-root";
import { type HardwareProfile, HardwareProfileSchema } from "./schema";

export const DEFAULT_PROFILES_DIR = join(packageRoot(), "hardware-profiles");

const FIXTURE_SUFFIX = ".fixture.json";

/** Validates one parsed profile; `source` names the file in the error. */
export function parseProfile(value: unknown, source: string, expectedId?: string): HardwareProfile {
  const result = HardwareProfileSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? fieldName(issue) : "(root)";
    throw new WanfengError("PROFILE_INVALID", `${source}: ${field}: ${issue?.message ?? "invalid"}`, {
      file: source,
      field,
      issues: result.error.issues.map((i) => ({ field: fieldName(i), message: i.message })),
    });
  }
  if (expectedId !== undefined && result.data.id !== expectedId) {
    throw new WanfengError(
      "PROFILE_INVALID",
      `${source}: id: "${result.data.id}" does not match its place, expected "${expectedId}"`,
      { file: source, field: "id" },
    );
  }
  return result.data;
}

function fieldName(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? "(root)" : issue.path.map(String).join(".");
}

/** Profile files under `dir`, as ids ("generic/rdm6300") with their paths; fixtures excluded. */
export async function listProfileFiles(dir = DEFAULT_PROFILES_DIR): Promise<{ id: string; file: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((err: unknown) => {
    const why = err instanceof Error ? err.message : String(err);
    throw new WanfengError("PROFILE_NOT_FOUND", `cannot read the hardware profiles folder ${dir}: ${why}`, {
      dir,
    });
  });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".json") && !e.name.endsWith(FIXTURE_SUFFIX))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      const id = relative(dir, file)
        .split(sep)
        .join("/")
        .replace(/\.json$/, "");
      return { id, file };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export async function loadProfileFile(file: string, expectedId?: string): Promise<HardwareProfile> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new WanfengError("PROFILE_INVALID", `${file}: not readable JSON: ${why}`, {
      file,
      field: "(root)",
    });
  }
  return parseProfile(value, file, expectedId);
}

/** Loads "<vendor>/<model>", or a bare model name when only one vendor has it. */
export async function loadProfile(ref: string, dir = DEFAULT_PROFILES_DIR): Promise<HardwareProfile> {
  const files = await listProfileFiles(dir);
  const wanted = ref.trim().toLowerCase();
  const matches = wanted.includes("/")
    ? files.filter((f) => f.id === wanted)
    : files.filter((f) => f.id.split("/")[1] === wanted);
  const [match] = matches;
  if (match === undefined) {
    throw new WanfengError("PROFILE_NOT_FOUND", `no hardware profile "${ref}" in ${dir}`, {
      profile: ref,
      known: files.map((f) => f.id),
    });
  }
  if (matches.length > 1) {
    throw new WanfengError(
      "PROFILE_NOT_FOUND",
      `"${ref}" is ambiguous, say which: ${matches.map((m) => m.id).join(", ")}`,
      { profile: ref },
    );
  }
  return loadProfileFile(match.file, match.id);
}

/** Every profile under `dir`, each validated; the first invalid file throws. */
export async function loadAllProfiles(dir = DEFAULT_PROFILES_DIR): Promise<HardwareProfile[]> {
  const files = await listProfileFiles(dir);
  return Promise.all(files.map((f) => loadProfileFile(f.file, f.id)));
}

export function fixtureFileOf(profileFile: string): string {
  return profileFile.replace(/\.json$/, FIXTURE_SUFFIX);
}
