import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  createTestSchool,
  login,
  removeSchool,
  startTestServer,
  type TestSchool,
} from "../support/server-harness";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6]);

/** Issue 10 item 1: the photo of an adult on a child's not-authorised list, uploaded by the office. */
describe("a not-authorised adult's photo", () => {
  let school: TestSchool;
  let server: RunningServer;
  let admin: string;
  let entryId: string;

  const api = (path: string, init?: RequestInit) => fetch(server.url + path, init);
  const put = (path: string, cookie: string, type: string, body: Buffer) =>
    api(path, { method: "PUT", headers: { cookie, "content-type": type }, body: new Uint8Array(body) });
  const entry = () =>
    school.store
      .read()
      .children.find((c) => c.id === "c1")
      ?.notAuthorised?.find((e) => e.id === entryId);
  const photoPath = () => `/api/admin/children/c1/not-authorised/${entryId}/photo`;
  async function custodyChanges(): Promise<unknown[]> {
    const dir = join(school.dataDir, "journal");
    const found: unknown[] = [];
    for (const file of (await readdir(dir)).filter((f) => f.endsWith(".jsonl"))) {
      for (const line of (await readFile(join(dir, file), "utf8")).split("\n")) {
        if (line.includes('"custody:changed"')) found.push(JSON.parse(line));
      }
    }
    return found;
  }

  beforeAll(async () => {
    school = await createTestSchool(anyTimeSchool());
    server = await startTestServer(school);
    admin = await login(server.url, "admin");
    const res = await api("/api/admin/children/c1/not-authorised", {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({ name: "张某", relation: "父亲", idLast4: "123X", note: "法院裁定" }),
    });
    entryId = ((await res.json()) as { data: { entryId: string } }).data.entryId;
  });
  afterAll(async () => {
    await server.close();
    await removeSchool(school);
  });

  it("a teacher or the guard is refused and the entry keeps no photo", async () => {
    for (const username of ["t1", "guard", "tech"]) {
      const cookie = await login(server.url, username);
      expect((await put(photoPath(), cookie, "image/png", PNG)).status).toBe(403);
      const del = await api(photoPath(), { method: "DELETE", headers: { cookie } });
      expect(del.status).toBe(403);
    }
    expect(entry()?.photo).toBeUndefined();
  });

  it("a file that is not the image it says is refused; an unknown entry is 404", async () => {
    expect((await put(photoPath(), admin, "image/jpeg", PNG)).status).toBe(400);
    expect((await put(photoPath(), admin, "text/plain", Buffer.from("hello"))).status).toBe(400);
    expect((await put(photoPath(), admin, "image/png", Buffer.alloc(0))).status).toBe(400);
    const unknown = "/api/admin/children/c1/not-authorised/na-nobody/photo";
    expect((await put(unknown, admin, "image/png", PNG)).status).toBe(404);
    expect(entry()?.photo).toBeUndefined();
    expect(await custodyChanges()).toHaveLength(1); // the entry's creation only
  });

  it("the admin's upload is kept on the entry, served to the guard, journalled, and can be removed", async () => {
    const res = await put(photoPath(), admin, "image/jpeg", JPEG);
    expect(res.status).toBe(200);
    const { photo } = ((await res.json()) as { data: { photo: string } }).data;
    expect(photo).toMatch(/^\/api\/photos\/barred-c1-na-[a-z0-9_-]+\.jpg$/);
    expect(entry()).toMatchObject({
      name: "张某",
      relation: "父亲",
      idLast4: "123X",
      note: "法院裁定",
      photo,
    });

    const guard = await login(server.url, "guard");
    const got = await api(photo, { headers: { cookie: guard } });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(JPEG)).toBe(true);
    // The teacher of c1's group sees it too (photo-scope.ts); c2's teacher does not.
    expect((await api(photo, { headers: { cookie: await login(server.url, "t1") } })).status).toBe(200);
    expect((await api(photo, { headers: { cookie: await login(server.url, "t2") } })).status).toBe(404);

    // Editing the entry's words keeps the photo.
    await api(`/api/admin/children/c1/not-authorised/${entryId}`, {
      method: "PUT",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({ name: "张某某", relation: "父亲", idLast4: "123X", note: "法院裁定" }),
    });
    expect(entry()?.photo).toBe(photo);

    expect((await api(photoPath(), { method: "DELETE", headers: { cookie: admin } })).status).toBe(200);
    expect(entry()?.photo).toBeUndefined();
    expect(entry()?.name).toBe("张某某");
    expect((await api(photo, { headers: { cookie: guard } })).status).toBe(404);

    const changes = (await custodyChanges()) as Record<string, unknown>[];
    expect(changes.filter((c) => c.change === "not_authorised_photo")).toEqual([
      expect.objectContaining({ childId: "c1", name: "张某", detail: entryId, byName: expect.any(String) }),
      expect.objectContaining({ childId: "c1", name: "张某某", detail: entryId }),
    ]);
  });

  it("removing the entry removes its photo file", async () => {
    expect((await put(photoPath(), admin, "image/png", PNG)).status).toBe(200);
    expect(await readdir(join(school.dataDir, "photos"))).toContain(`barred-c1-${entryId}.png`);
    const del = await api(`/api/admin/children/c1/not-authorised/${entryId}`, {
      method: "DELETE",
      headers: { cookie: admin },
    });
    expect(del.status).toBe(200);
    expect(await readdir(join(school.dataDir, "photos"))).not.toContain(`barred-c1-${entryId}.png`);
  });
});
