import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../store/temp-dir";
import { runWanfeng } from "../support/cli-process";

/**
 * Issue 8's contract: every `wanfeng` command takes `--database <postgres-url>` (or DATABASE_URL).
 * Commands on a school's data use it (here: a database nobody listens on, so they say they cannot
 * reach it); the agent, tap, readers and tls init accept it and go on with their own work (each
 * stopped here by a bad argument of its own, after commander parsed the command line).
 */

const tempDir = useTempDirs();
const NOBODY = "postgresql://wanfeng:pw@127.0.0.1:1/wanfeng";
const UNREACHABLE = /cannot reach the database postgresql:\/\/wanfeng:\*\*\*@127\.0\.0\.1:1/;
/** Many CLI runs, each compiled through tsx, on a loaded 2-core machine. */
const TIMEOUT = 300_000;
const AT_ONCE = 3;

const wanfeng = (args: string[], env: Record<string, string> = {}) => runWanfeng(args, env, 60_000);
/** Each command, its arguments (without --database), and what it says when it got that far. */
function commands(dir: string): [string, string[], RegExp][] {
  const d = ["-d", dir];
  return [
    ["start", ["start", "--port", "0", ...d], UNREACHABLE],
    ["import", ["import", join(dir, "none.csv"), ...d], /ENOENT.*none\.csv/],
    ["user add", ["user", "add", "li", "--role", "admin", "--password", "longenough1", ...d], UNREACHABLE],
    ["device add", ["device", "add", "南门", "--kind", "gate", ...d], UNREACHABLE],
    ["device list", ["device", "list", ...d], UNREACHABLE],
    ["group list", ["group", "list", ...d], UNREACHABLE],
    ["audit verify", ["audit", "verify", ...d], UNREACHABLE],
    ["purge", ["purge", "--dry-run", ...d], UNREACHABLE],
    ["demo-taps", ["demo-taps", ...d], /no demo school in/],
    ["db migrate", ["db", "migrate"], UNREACHABLE],
    ["db import", ["db", "import", "--from", dir, "--school", "实验小学"], UNREACHABLE],
    ["school add", ["school", "add", "实验小学"], UNREACHABLE],
    ["school list", ["school", "list"], UNREACHABLE],
    // Accepted and ignored: none of these touches a school's data.
    [
      "tls init",
      ["tls", "init", "--cert", join(dir, "none.pem"), "--key", join(dir, "none.key"), ...d],
      /ENOENT.*none\.pem/,
    ],
    [
      "agent",
      ["agent", "--server", "http://127.0.0.1:1", "--token", "t", "--cache-max-age", "soon"],
      /not a number of minutes: soon/,
    ],
    [
      "tap",
      ["tap", "--server", "http://127.0.0.1:1", "--token", "t", "not-a-card"],
      /not a card number: not-a-card/,
    ],
  ];
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += size) {
    results.push(...(await Promise.all(items.slice(at, at + size).map(work))));
  }
  return results;
}

describe("--database on every command (issue 8)", () => {
  it(
    "each command parses --database: those on a school's data use it, the others ignore it",
    async () => {
      const dir = await tempDir();
      const cases = commands(dir);
      const runs = await inBatches(cases, AT_ONCE, ([, args]) => wanfeng([...args, "--database", NOBODY]));
      const said = cases.map(([name, , expected], i) => {
        const run = runs[i] ?? { code: -1, stdout: "", stderr: "" };
        return {
          name,
          unknownOption: /unknown option/.test(run.stderr),
          expected: expected.test(run.stderr),
        };
      });
      expect(said).toEqual(cases.map(([name]) => ({ name, unknownOption: false, expected: true })));
      for (const run of runs) expect(run.stdout + run.stderr).not.toContain(":pw@");
    },
    TIMEOUT,
  );

  it(
    "readers (--database) and the agent (DATABASE_URL) carry on; a misspelt option is still refused",
    async () => {
      const [listed, fromEnv, unknown] = await Promise.all([
        wanfeng(["readers", "--json", "--database", NOBODY]),
        wanfeng(["agent", "--server", "http://127.0.0.1:1", "--token", "t", "--cache-max-age", "soon"], {
          DATABASE_URL: NOBODY,
        }),
        wanfeng(["agent", "--server", "http://127.0.0.1:1", "--token", "t", "--databse", NOBODY]),
      ]);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toBeTypeOf("object");
      expect(fromEnv.stderr).toMatch(/not a number of minutes: soon/);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/unknown option '--databse'/);
    },
    TIMEOUT,
  );

  it("says in --help that the agent ignores it", async () => {
    const help = await wanfeng(["agent", "--help"]);
    expect(help.stdout.replace(/\s+/g, " ")).toMatch(
      /--database <postgres-url> accepted and ignored: a gate agent talks to the servers, never to the database/,
    );
  }, 60_000);
});
