import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  createTestSchool,
  removeSchool,
  SocketBag,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

describe("the gate screen's search box (issue 11, deliverable 8)", () => {
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

  it("finds any child of the school by name, with status, group, room and who may collect", async () => {
    const guard = await bag.view(server, "guard", { view: "gate" });
    const hits = unwrap(await guard.socket.emitWithAck("gate:search", { query: "张" }));
    expect(hits.map((h) => h.child.name)).toEqual(
      ["张小红", "张小明"].sort((a, b) => a.localeCompare(b, "zh")),
    );
    const ming = hits.find((h) => h.child.childId === "c1");
    expect(ming).toMatchObject({
      child: { status: "expected", groupName: "一二年级", roomName: "101" },
      inCareToday: true,
      mayCollect: [{ name: "张妈妈", relation: "妈妈" }],
    });
    const byClass = unwrap(await guard.socket.emitWithAck("gate:search", { query: "三四年级" }));
    expect(byClass.map((h) => h.child.childId)).toEqual(["c2"]);
  });

  it("is the gate's: a teacher is refused", async () => {
    const teacher = await bag.view(server, "t1", { view: "room", groupId: "g1" });
    const answer = await teacher.socket.emitWithAck("gate:search", { query: "张" });
    expect(answer).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });
  });
});
