#!/usr/bin/env node
// Runs the built server bundle (dist/server/wanfeng.js, made by `npm run build:server`, which
// `npm start` runs) when it is newer than every source file; otherwise the TypeScript sources
// directly through tsx, so a checkout works without a build and an edit is never shadowed by an
// old bundle. The bundle starts faster and needs less memory (no compiler in the process).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// One-shot commands print their own result; routine progress logs would bury it. Loggers read
// LOG_LEVEL when first imported, so it is set before any module loads.
const QUIET_COMMANDS = new Set([
  "tap",
  "demo-taps",
  "import",
  "user",
  "device",
  "group",
  "readers",
  "db",
  "school",
]);
if (!process.env.LOG_LEVEL && QUIET_COMMANDS.has(process.argv[2] ?? "")) process.env.LOG_LEVEL = "warn";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "dist", "server", "wanfeng.js");
const SOURCE_FOLDERS = ["cli", "common", "demo", "gate-agent", "protocol", "server"];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return SOURCE_FOLDERS.every((folder) => newestSource(join(root, folder)) <= built);
}

if (bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../cli/main.ts");
}
