import { describe, expect, it } from "vitest";
import { resolveGroupId } from "../../cli/group-names";
import { smallSchool } from "../domain/fixtures";

describe("CLI --group takes the name people use or the id (issue 11, deliverable 9)", () => {
  const groups = smallSchool().groups;

  it("takes the id, the name as written and the name with other spaces or case", () => {
    expect(resolveGroupId(groups, "g1")).toBe("g1");
    expect(resolveGroupId(groups, "三四年级")).toBe("g2");
    expect(
      resolveGroupId([...groups, { id: "g3", name: "Art Club", roomId: "r1", capacity: 9 }], "art  club"),
    ).toBe("g3");
  });

  it("says which groups there are when the name matches none, or more than one", () => {
    expect(() => resolveGroupId(groups, "五六年级")).toThrow(
      /no care group 五六年级; care groups: 一二年级 \(g1\)/,
    );
    const twins = [...groups, { id: "g9", name: "一二年级", roomId: "r2", capacity: 9 }];
    expect(() => resolveGroupId(twins, "一二年级")).toThrow(/more than one/);
  });
});
