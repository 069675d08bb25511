import { afterEach, describe, expect, it } from "vitest";
import { usePostgresDatabases } from "../support/postgres-database";
import { login, removeSchool, type TestSchool } from "../support/server-harness";
import { schoolOnDatabase, twoSchoolsOnDatabase } from "./district-school";
import { type InProcessNode, startNodeInProcess } from "./in-process-node";

const freshDatabase = usePostgresDatabases();

/** Issue 8, "shared across nodes": a password guess counts on every node of the database. */
describe("login limits shared by the nodes of a database", { timeout: 60_000 }, () => {
  const nodes: InProcessNode[] = [];
  let school: TestSchool | undefined;
  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
    if (school) await removeSchool(school);
    school = undefined;
  });

  async function twoNodes(): Promise<[InProcessNode, InProcessNode]> {
    const url = await freshDatabase();
    school = await schoolOnDatabase(url);
    nodes.push(await startNodeInProcess(url), await startNodeInProcess(url));
    return [nodes[0] as InProcessNode, nodes[1] as InProcessNode];
  }

  const guess = (url: string, username = "t1") =>
    fetch(`${url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: "wrong-password" }),
    }).then((r) => r.status);

  it("failures on node A count on node B", async () => {
    const [a, b] = await twoNodes();
    for (let i = 0; i < 5; i++) expect(await guess(a.url)).toBe(401);
    // From the fifth failure on, the next try waits a second: on node B too.
    expect(await guess(b.url)).toBe(403);
  });

  it("200 parallel guesses spread over two nodes check at most 10 passwords", async () => {
    const [a, b] = await twoNodes();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => guess(i % 2 ? a.url : b.url)));
    expect(answers.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(answers.filter((s) => s === 403).length).toBeGreaterThanOrEqual(190);
  });

  it("a right password still logs in on either node, and gives its attempt back", async () => {
    const [a, b] = await twoNodes();
    for (let i = 0; i < 4; i++) expect(await guess(a.url)).toBe(401);
    await login(b.url, "t1");
    await login(a.url, "t1");
    expect(await guess(b.url)).toBe(401);
  });

  it("one node's schools count an address's guesses together", async () => {
    const url = await freshDatabase();
    const [east, west] = await twoSchoolsOnDatabase(url);
    const node = await startNodeInProcess(url);
    nodes.push(node);
    try {
      // Five wrong passwords for each of three users in each school: 30 from this address.
      for (const school of [east, west])
        for (const user of ["admin", "t1", "t2"])
          for (let i = 0; i < 5; i++) expect(await guess(node.url, school.user(user))).toBe(401);
      // The address's limit waits from its 30th failure, whichever school's login was tried.
      expect(await guess(node.url, east.user("guard"))).toBe(403);
      expect(await guess(node.url, west.user("guard"))).toBe(403);
    } finally {
      await removeSchool(east);
      await removeSchool(west);
    }
  });
});
