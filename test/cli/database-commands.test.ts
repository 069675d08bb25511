import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { onDatabase, openSchoolOnDatabase } from "../../cli/database-backend";
import { checkedTimezone } from "../../cli/db-commands";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { openPool, redactedUrl } from "../../server/store/postgres/pool";
import { addSchool } from "../../server/store/postgres/schools";
import { SERVER_LOCK } from "../../server/store/server-lock";
import { runWanfeng } from "../support/cli-process";
import { usePostgresDatabases } from "../support/postgres-database";

const freshDatabase = usePostgresDatabases();
const PASSWORD = "Pw-s3cret-8899";
/** Each CLI run compiles through tsx: several seconds apiece on a loaded 2-core machine. */
const CLI_TIMEOUT = 120_000;

const wanfeng = runWanfeng;
/** The test cluster trusts local connections, so any password is accepted: it is only there to be hidden. */
function withPassword(url: string): string {
  return url.replace("postgresql://postgres@", `postgresql://postgres:${PASSWORD}@`);
}

describe("wanfeng db migrate and school add (issue 8)", () => {
  it(
    "migrates an empty database, then says the schema is current; DATABASE_URL stands for --database",
    async () => {
      const url = withPassword(await freshDatabase());
      const first = await wanfeng(["db", "migrate", "--database", url]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("0001_schools");
      expect(first.stdout).toContain("0004_socket_io");
      const again = await wanfeng(["db", "migrate"], { DATABASE_URL: url });
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/is current/);
      for (const run of [first, again]) expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    },
    CLI_TIMEOUT,
  );

  it(
    "adds a school and prints its id; the same name again is a clear error, without the password",
    async () => {
      const url = withPassword(await freshDatabase());
      const added = await wanfeng([
        "school",
        "add",
        "实验小学",
        "--timezone",
        "Asia/Urumqi",
        "--database",
        url,
      ]);
      expect(added.code).toBe(0);
      const id = added.stdout.trim().split("\n").at(-1);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);

      const twice = await wanfeng(["school", "add", "实验小学"], { DATABASE_URL: url });
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/a school named "实验小学" exists/);

      const listed = await wanfeng(["school", "list", "--database", url]);
      expect(listed.stdout).toContain(`${id}\tAsia/Urumqi\t实验小学`);
      for (const run of [added, twice, listed]) expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    },
    CLI_TIMEOUT,
  );

  it("refuses a time zone Intl does not know, and takes the default Asia/Shanghai", () => {
    expect(checkedTimezone("asia/shanghai")).toBe("Asia/Shanghai");
    expect(() => checkedTimezone("Mars/Olympus")).toThrow(/not a time zone: Mars\/Olympus/);
  });
});

describe("--school on a database (issue 8)", () => {
  it(
    "with no school, says how to add one; with several and none named, lists them; an unknown name is refused",
    async () => {
      const url = withPassword(await freshDatabase());
      const none = await wanfeng(["group", "list", "--database", url]);
      expect(none.code).toBe(1);
      // A read-only command on a database without the schema names the command that makes it.
      expect(none.stderr).toMatch(/wanfeng db migrate/);

      await migrateDatabase(url);
      const opened = (school: string | undefined) =>
        openSchoolOnDatabase(url, school, "test", { writes: false }).then(({ pool }) => pool.end());
      await expect(opened(undefined)).rejects.toThrow(/no school on this database yet: wanfeng school add/);

      const pool = openPool(url, "test");
      await addSchool(pool, { name: "东城小学", timezone: "Asia/Shanghai" });
      await addSchool(pool, { name: "西城小学", timezone: "Asia/Shanghai" });
      await pool.end();
      const several = await wanfeng(["group", "list"], { DATABASE_URL: url });
      expect(several.code).toBe(1);
      expect(several.stderr).toMatch(/several schools .*--school \(东城小学, 西城小学\)/);
      await expect(opened("南城小学")).rejects.toThrow(/no school "南城小学"/);
      for (const run of [none, several]) expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    },
    CLI_TIMEOUT,
  );

  it("resolves the only school by default, and a school by name (any case) or by id", async () => {
    const url = await freshDatabase();
    await migrateDatabase(url);
    const setup = openPool(url, "test");
    const only = await addSchool(setup, { name: "Lakeside Primary", timezone: "Asia/Shanghai" });

    const opened = async (school: string | undefined) => {
      const { pool, school: row } = await openSchoolOnDatabase(url, school, "test", { writes: false });
      await pool.end();
      return row.id;
    };
    expect(await opened(undefined)).toBe(only.id);
    const other = await addSchool(setup, { name: "Hillside Primary", timezone: "Asia/Shanghai" });
    await setup.end();
    expect(await opened("hillside primary")).toBe(other.id);
    expect(await opened(only.id)).toBe(only.id);
    await expect(opened(undefined)).rejects.toThrow(/several schools/);
  });
});

describe("wanfeng start --database (issue 8)", () => {
  it(
    "migrates, and on a database without a school says how to add one; takes no lock on the data folder",
    async () => {
      const url = withPassword(await freshDatabase());
      const dataDir = await mkdtemp(join(tmpdir(), "wanfeng-node-"));
      try {
        const start = await wanfeng(["start", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir], {
          DATABASE_URL: url,
        });
        expect(start.code).toBe(1);
        expect(start.stderr).toMatch(/no school on this database yet: add one with `wanfeng school add/);
        expect(start.stderr).toMatch(/--demo/);
        expect(start.stdout + start.stderr).not.toContain(PASSWORD);
        // It migrated before it looked for the school.
        expect(await migrateDatabase(url)).toEqual([]);
        expect(existsSync(join(dataDir, SERVER_LOCK))).toBe(false);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    CLI_TIMEOUT,
  );
});

describe("--school with the file store (issue 8)", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it(
    "accepts the folder's own school or none, and refuses another",
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "wanfeng-cli-"));
      dirs.push(dataDir);
      const own = await wanfeng(["group", "list", "--data-dir", dataDir, "--school", "wanfeng school"]);
      expect(own.code).toBe(0);
      const other = await wanfeng(["group", "list", "--data-dir", dataDir, "--school", "Other School"]);
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/this data folder holds the school "Wanfeng School", not "Other School"/);
    },
    CLI_TIMEOUT,
  );
});

describe("the database URL's password stays out of messages", () => {
  it("is replaced in whatever a failing step throws", async () => {
    const url = `postgresql://wanfeng:${PASSWORD}@db.example:5432/wanfeng`;
    await expect(
      onDatabase(url, async () => {
        throw new Error(`could not open ${url}`);
      }),
    ).rejects.toThrow("could not open postgresql://wanfeng:***@db.example:5432/wanfeng");
    const inQuery = `postgresql://wanfeng@db.example/wanfeng?password=${PASSWORD}`;
    await expect(
      onDatabase(inQuery, async () => {
        throw new Error(`could not open ${inQuery}`);
      }),
    ).rejects.toThrow("could not open postgresql://wanfeng@db.example/wanfeng?password=***");
    expect(redactedUrl(inQuery)).toBe("postgresql://wanfeng@db.example/wanfeng?password=***");
  });

  it(
    "is not printed when the database cannot be reached",
    async () => {
      const run = await wanfeng([
        "school",
        "list",
        "--database",
        `postgresql://wanfeng:${PASSWORD}@127.0.0.1:1/x`,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/cannot reach the database postgresql:\/\/wanfeng:\*\*\*@127\.0\.0\.1:1\/x/);
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    },
    CLI_TIMEOUT,
  );
});
