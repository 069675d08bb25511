import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const BIN = resolve(import.meta.dirname, "../../bin/wanfeng.js");
const run = promisify(execFile);

/**
 * The server's V8 memory and thread flags live in the launcher's first line (bin/wanfeng.js), so they hold
 * wherever it runs as a program. A Node that no longer knew one of them would refuse to start
 * every command: this says so before a school finds out.
 */
describe("the launcher's V8 flags", () => {
  const flags = (readFileSync(BIN, "utf-8").split("\n")[0] ?? "")
    .split(" ")
    .filter((f) => f.startsWith("--"));

  it("sets the young generation's size, the old generation's growth and one V8 background thread, and no heap limit", () => {
    expect(flags).toEqual(["--max-semi-space-size=8", "--heap-growing-percent=50", "--v8-pool-size=1"]);
    expect(flags.some((f) => f.startsWith("--max-old-space-size"))).toBe(false);
  });

  it("this Node accepts them, and the launcher runs with them as a program", async () => {
    const { stdout } = await run(process.execPath, [...flags, "-p", "JSON.stringify(process.execArgv)"]);
    expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(flags));
    const help = await run(BIN, ["--help"], { timeout: 120_000 });
    expect(help.stdout).toContain("Usage: wanfeng");
  }, 150_000);
});
