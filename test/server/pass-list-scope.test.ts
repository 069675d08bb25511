import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PassCreate } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { schoolDay } from "../../server/domain/school-day";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  createTestSchool,
  removeSchool,
  SocketBag,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

/** Finding 11: a pass naming siblings in two groups: the other group's teacher gets no token. */
describe("pass:list across groups", () => {
  let school: TestSchool;
  let server: RunningServer;
  const bag = new SocketBag();

  beforeEach(async () => {
    school = await createTestSchool(anyTimeSchool());
    server = await startTestServer(school);
  });

  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("lists the pass for both teachers; only the office and a teacher of every child see its token", async () => {
    const siblings: PassCreate = {
      delegate: { name: "王大力", relation: "舅舅", idLast4: "123x", phone: "139 0000 0000" },
      childIds: ["c1", "c2"],
      validFrom: schoolDay(new Date(), "Asia/Shanghai"),
    };
    const admin = await bag.screen(server, "admin");
    const pass = unwrap(await admin.emitWithAck("pass:create", siblings));
    expect(pass.token).not.toBe("");

    const t1 = await bag.screen(server, "t1");
    const [seen] = unwrap(await t1.emitWithAck("pass:list", { groupId: "g1" }));
    expect(seen?.id).toBe(pass.id);
    expect(seen?.token).toBe("");
    expect(seen?.shortCode).toBe("");
    expect(JSON.stringify(seen)).not.toContain(pass.token);

    const [office] = unwrap(await admin.emitWithAck("pass:list", {}));
    expect(office?.token).toBe(pass.token);
  });
});
