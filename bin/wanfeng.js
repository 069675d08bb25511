#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: one package, no build step for the server.
import { register } from "tsx/esm/api";

// One-shot commands print their own result; routine progress logs would bury it. Loggers read
// LOG_LEVEL when first imported, so it is set before any module loads.
const QUIET_COMMANDS = new Set(["tap", "demo-taps", "import", "user", "device", "group", "readers"]);
if (!process.env.LOG_LEVEL && QUIET_COMMANDS.has(process.argv[2] ?? "")) process.env.LOG_LEVEL = "warn";

register();
await import("../cli/main.ts");
