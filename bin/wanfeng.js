#!/usr/bin/env -S node --max-semi-space-size=8 --heap-growing-percent=50 --v8-pool-size=1
// The V8 flags above are the server's memory and thread settings (issue 7: peak RSS ≤ 150 MB for
// 5,000 children and 400 screens), in force wherever this file is run as a program: `npm start`,
// `npx wanfeng`, ./bin/wanfeng.js, and the bench. V8's defaults on a machine with much memory are
// a young generation of 2 × 16 MB, all of it resident once the server is busy, and an old
// generation left to grow to ~4 × what it held after the last full collection (the bench's server
// holds ~25-40 MB and went on to 75 MB of old space without one). 2 × 8 MB and a growth of 1.5×
// keep ~25 MB less resident at every moment. Neither caps the heap: a bigger school only collects
// more often. `--v8-pool-size=1` gives V8's background work (concurrent marking and sweeping,
// scavenge helpers, optimising compiles) one thread instead of four: on a 2-core school server
// those threads competed with the event loop, the journal's disk thread and the screens for the
// cores. In 8 paired bench runs, the server's p99 tap → kiosk fell from 12.9 to 9.9 ms (p95 5.7 →
// 5.2), with less CPU and memory. `node bin/wanfeng.js` runs without these flags (works the same,
// needs more memory).
//
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
