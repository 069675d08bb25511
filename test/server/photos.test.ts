import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import {
  createTestSchool,
  login,
  removeSchool,
  startTestServer,
  type TestSchool,
} from "../support/server-harness";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6]);

describe("photos on the LAN server, behind a login", () => {
  let school: TestSchool;
  let server: RunningServer;
  let admin: string;
  let guard: string;
  let teacher: string;
  let tech: string;

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    admin = await login(server.url, "admin");
    guard = await login(server.url, "guard");
    teacher = await login(server.url, "t1");
    tech = await login(server.url, "tech");
  });
  afterAll(async () => {
    await server.close();
    await removeSchool(school);
  });

  const api = (path: string, init?: RequestInit) => fetch(server.url + path, init);
  const put = (path: string, cookie: string, type: string, body: Buffer) =>
    api(path, { method: "PUT", headers: { cookie, "content-type": type }, body: new Uint8Array(body) });

  it("an admin uploads a child's photo; the guard sees the same bytes with the right type", async () => {
    const res = await put("/api/admin/photos/child/c1", admin, "image/png", PNG);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { photo: "/api/photos/child-c1.png" } });
    expect(school.store.read().children.find((c) => c.id === "c1")?.photo).toBe("/api/photos/child-c1.png");

    const got = await api("/api/photos/child-c1.png", { headers: { cookie: guard } });
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("cache-control")).toBe("private, max-age=3600");
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);

    const asTeacher = await api("/api/photos/child-c1.png", { headers: { cookie: teacher } });
    expect(asTeacher.status).toBe(200);
  });

  it("a guardian's photo replaces the old file and can be removed", async () => {
    expect((await put("/api/admin/photos/guardian/p1", admin, "image/png", PNG)).status).toBe(200);
    const res = await put("/api/admin/photos/guardian/p1", admin, "image/jpeg", JPEG);
    expect(await res.json()).toEqual({ data: { photo: "/api/photos/guardian-p1.jpg" } });
    expect((await api("/api/photos/guardian-p1.png", { headers: { cookie: guard } })).status).toBe(404);
    const jpg = await api("/api/photos/guardian-p1.jpg", { headers: { cookie: guard } });
    expect(jpg.headers.get("content-type")).toBe("image/jpeg");

    const del = await api("/api/admin/photos/guardian/p1", { method: "DELETE", headers: { cookie: admin } });
    expect(del.status).toBe(200);
    expect(school.store.read().guardians.find((g) => g.id === "p1")?.photo).toBeUndefined();
    expect((await api("/api/photos/guardian-p1.jpg", { headers: { cookie: guard } })).status).toBe(404);
  });

  it("only an admin uploads; no session is 401; a technician cannot see photos", async () => {
    expect((await put("/api/admin/photos/child/c2", guard, "image/png", PNG)).status).toBe(403);
    expect((await put("/api/admin/photos/child/c2", teacher, "image/png", PNG)).status).toBe(403);
    const anon = await api("/api/admin/photos/child/c2", {
      method: "PUT",
      headers: { "content-type": "image/png" },
      body: new Uint8Array(PNG),
    });
    expect(anon.status).toBe(401);
    expect((await api("/api/photos/child-c1.png")).status).toBe(401);
    expect((await api("/api/photos/child-c1.png", { headers: { cookie: tech } })).status).toBe(403);
    expect(school.store.read().children.find((c) => c.id === "c2")?.photo).toBeUndefined();
  });

  it("refuses bytes that are not the declared image, unknown kinds and unknown ids", async () => {
    const fake = await put("/api/admin/photos/child/c2", admin, "image/png", JPEG);
    expect(fake.status).toBe(400);
    expect(await fake.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    const html = await put("/api/admin/photos/child/c2", admin, "text/html", Buffer.from("<svg onload=x>"));
    expect(html.status).toBe(400);
    expect((await put("/api/admin/photos/teacher/c2", admin, "image/png", PNG)).status).toBe(400);
    expect((await put("/api/admin/photos/child/nobody", admin, "image/png", PNG)).status).toBe(404);
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await put("/api/admin/photos/child/c2", admin, "image/png", big)).status).toBe(400);
  });

  it("never serves a file outside the photos folder", async () => {
    // A JSON-named file inside photos/ and the roster beside it: neither may leak.
    await mkdir(join(school.dataDir, "photos"), { recursive: true });
    await writeFile(join(school.dataDir, "photos", "secret.json"), "{}");
    for (const name of [
      "..%2Fwanfeng.json",
      "a%2Fb.jpg",
      "..%2F..%2Fetc%2Fpasswd",
      "secret.json",
      "%2E%2E",
    ]) {
      const res = await api(`/api/photos/${name}`, { headers: { cookie: guard } });
      expect([400, 404]).toContain(res.status);
      expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    const nested = await api("/api/photos/a/b.jpg", { headers: { cookie: guard } });
    expect([400, 404]).toContain(nested.status);
    const dotted = await api("/api/photos/../wanfeng.json", { headers: { cookie: guard } });
    expect(dotted.headers.get("content-type")).not.toMatch(/image/);
    expect(await dotted.text()).not.toContain("guardians");
  });
});
