import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Which top-level folder may import which (cycles are `npm run lint`'s job). The wire contract and
 * the shared code sit below the server and the agent; the two never import each other, so the
 * agent can be shipped to a gate PC without the server. cli/, demo/ and scripts/ may use any.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAY_IMPORT: Record<string, string[]> = {
  protocol: ["protocol"],
  common: ["common", "protocol"],
  server: ["server", "common", "protocol"],
  "gate-agent": ["gate-agent", "common", "protocol"],
};

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\sfrom\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

async function foldersImportedBy(file: string): Promise<{ spec: string; folder: string }[]> {
  const text = await readFile(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = m[1] ?? m[2] ?? "";
    const target = relative(ROOT, resolve(dirname(file), spec));
    return { spec, folder: target.split(/[\\/]/)[0] ?? "" };
  });
}

describe("layers", () => {
  for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${folder}/ imports only ${allowed.join(", ")}`, async () => {
      const wrong: string[] = [];
      for (const file of await sourceFiles(folder)) {
        for (const { spec, folder: target } of await foldersImportedBy(file)) {
          if (!allowed.includes(target)) wrong.push(`${relative(ROOT, file)} → ${spec}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
