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

/** Finding 7: a teacher sees the photos of their own groups' children and guardians only. */
describe("photo scope", () => {
  let school: TestSchool;
  let server: RunningServer;
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    const admin = await login(server.url, "admin");
    for (const [kind, id] of [
      ["child", "c1"],
      ["child", "c2"],
      ["guardian", "p2"],
    ] as const) {
      const res = await fetch(`${server.url}/api/admin/photos/${kind}/${id}`, {
        method: "PUT",
        headers: { cookie: admin, "content-type": "image/png" },
        body: new Uint8Array(PNG),
      });
      paths[id] = ((await res.json()) as { data: { photo: string } }).data.photo;
    }
  });

  afterAll(async () => {
    await server?.close();
    if (school) await removeSchool(school);
  });

  async function status(username: string, id: string): Promise<number> {
    const res = await fetch(server.url + (paths[id] ?? ""), {
      headers: { cookie: await login(server.url, username) },
    });
    return res.status;
  }

  it("teachers: own groups' children and their guardians; the guard: the whole school", async () => {
    // t1 has g1 (c1, c3 whose guardian is p2); t2 has g2 (c2).
    expect(await status("t1", "c1")).toBe(200);
    expect(await status("t1", "p2")).toBe(200);
    expect(await status("t1", "c2")).toBe(404);
    expect(await status("t2", "c2")).toBe(200);
    expect(await status("t2", "c1")).toBe(404);
    expect(await status("t2", "p2")).toBe(404);
    for (const id of ["c1", "c2", "p2"]) expect(await status("guard", id)).toBe(200);
  });
});
