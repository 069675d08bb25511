import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import { readChanges } from "../../server/store/change-record";
import {
  connected,
  createTestSchool,
  deviceClient,
  login,
  removeSchool,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { IMAGE_BYTES, makeZip } from "../support/zip-writer";
import { tapAt, testClock } from "./overview-support";

describe("the office's photo import and child history routes", () => {
  let school: TestSchool;
  let server: RunningServer;
  let admin: string;
  let guard: string;
  const time = testClock("2026-11-23T08:55:00Z");
  const zip = makeZip([
    { name: "c1.jpg", data: IMAGE_BYTES.jpg },
    { name: "13800000001.png", data: IMAGE_BYTES.png },
    { name: "nobody.jpg", data: IMAGE_BYTES.jpg },
  ]);

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school, time.clock);
    admin = await login(server.url, "admin");
    guard = await login(server.url, "guard");
  });
  afterAll(async () => {
    await server.close();
    await removeSchool(school);
  });

  const post = (path: string, cookie: string | undefined, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: "POST",
      headers: { "content-type": "application/zip", ...(cookie ? { cookie } : {}), ...headers },
      body: new Uint8Array(zip),
    });

  it("preview shows matches and misses and changes nothing; import stores the photos, recorded as the admin's change", async () => {
    const preview = await post("/api/admin/photos/import/preview", admin);
    expect(preview.status).toBe(200);
    const { data } = (await preview.json()) as { data: { matches: unknown[]; misses: unknown[] } };
    expect(data.matches).toEqual([
      { file: "c1.jpg", kind: "child", id: "c1", name: "张小明", replaces: false },
      { file: "13800000001.png", kind: "guardian", id: "p1", name: "张妈妈", replaces: false },
    ]);
    expect(data.misses).toEqual([{ file: "nobody.jpg", reason: "no_match" }]);
    expect(school.store.read().children.find((c) => c.id === "c1")?.photo).toBeUndefined();

    const applied = await post("/api/admin/photos/import", admin);
    expect(applied.status).toBe(200);
    expect(((await applied.json()) as { data: { saved: number } }).data.saved).toBe(2);
    expect(school.store.read().children.find((c) => c.id === "c1")?.photo).toBe("/api/photos/child-c1.jpg");
    const photo = await fetch(`${server.url}/api/photos/guardian-p1.png`, { headers: { cookie: guard } });
    expect(photo.headers.get("content-type")).toBe("image/png");

    const changes = await readChanges(join(school.dataDir, "changes"));
    expect(changes.at(-1)).toMatchObject({
      action: "POST /api/admin/photos/import",
      kinds: ["roster"],
    });
    expect(changes.at(-1)?.by).toMatch(/^user:\S+ admin$/);
  });

  it("admin only; no session is 401; another origin is refused; a body that is not a zip is a validation error", async () => {
    expect((await post("/api/admin/photos/import/preview", guard)).status).toBe(403);
    expect((await post("/api/admin/photos/import", undefined)).status).toBe(401);
    const foreign = await post("/api/admin/photos/import", admin, { origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    // A type a form can send is refused as forgery; any other type but a zip's fails validation.
    const formLike = await post("/api/admin/photos/import/preview", admin, { "content-type": "text/plain" });
    expect(formLike.status).toBe(403);
    const wrongType = await post("/api/admin/photos/import/preview", admin, {
      "content-type": "application/pdf",
    });
    expect(wrongType.status).toBe(400);
    const notZip = await fetch(`${server.url}/api/admin/photos/import/preview`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/zip" },
      body: "PK not really",
    });
    expect(notZip.status).toBe(400);
  });

  it("a child's history lists the day's check-in and who came, as JSON and as guarded CSV; admin only", async () => {
    const room = deviceClient(server.url, school.tokens.room1);
    const gate = deviceClient(server.url, school.tokens.gate);
    await connected(room);
    await connected(gate);
    unwrap(await room.emitWithAck("tap:report", tapAt("0000000011", time.clock())));
    unwrap(await gate.emitWithAck("tap:report", tapAt("0000000001", time.clock())));
    room.disconnect();
    gate.disconnect();

    const res = await fetch(`${server.url}/api/admin/children/c1/history`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: { child: { name: string }; entries: { day: string; kind: string; detail: string }[] };
    };
    expect(data.child.name).toBe("张小明");
    expect(data.entries.map((e) => [e.day, e.kind, e.detail])).toEqual([
      ["2026-11-23", "checked_in", "card"],
      ["2026-11-23", "pickup_requested", "张妈妈（妈妈）"],
    ]);

    const csv = await fetch(`${server.url}/api/admin/children/c1/history.csv?lang=en`, {
      headers: { cookie: admin },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    // Read as bytes: fetch's text() would drop the byte-order mark Excel needs.
    const text = Buffer.from(await csv.arrayBuffer()).toString("utf-8");
    expect(text.startsWith("\uFEFFDay,Time,Event,Details\r\n")).toBe(true);
    expect(text).toContain("Adult arrived,张妈妈（妈妈）");

    const asGuard = await fetch(`${server.url}/api/admin/children/c1/history`, {
      headers: { cookie: guard },
    });
    expect(asGuard.status).toBe(403);
    const missing = await fetch(`${server.url}/api/admin/children/nobody/history`, {
      headers: { cookie: admin },
    });
    expect(missing.status).toBe(404);
  });
});
