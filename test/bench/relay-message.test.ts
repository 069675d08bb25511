import { describe, expect, it } from "vitest";
import { relayMessage, relayTemplate } from "../../scripts/bench/relay-message";

const sample = {
  childId: "S000992",
  groupId: "g34",
  args: [
    [
      {
        event: "pickup:requested",
        update: {
          child: {
            childId: "S000992",
            groupId: "g34",
            groupName: "托管34组",
            lookAlikes: [{ childId: "S000068", name: "孙宇轩", groupName: "托管3组" }],
          },
        },
      },
    ],
    5,
  ],
};
const children = new Set(["S000992", "S000068", "S000222"]);

describe("the relay's screen message", () => {
  it("is the server's message with the tapped child's ids, as long and as deep", () => {
    const template = relayTemplate(sample, children);
    const message = relayMessage(template, "S000222", "g8");
    expect(message).toEqual([
      [
        {
          event: "pickup:requested",
          update: {
            child: {
              childId: "S000222",
              groupId: "g8",
              groupName: "托管34组",
              lookAlikes: [{ childId: "~000068", name: "孙宇轩", groupName: "托管3组" }],
            },
          },
        },
      ],
      5,
    ]);
    // Same ids' lengths, same bytes: the clients decode as much as they did from the server.
    expect(JSON.stringify(relayMessage(template, "S000992", "g34")).length).toBe(
      JSON.stringify(sample.args).length,
    );
  });

  it("names no other child of the roster, so it tells no screen about a child not tapped", () => {
    const text = JSON.stringify(relayMessage(relayTemplate(sample, children), "S000222", "g8"));
    expect(text).not.toContain("S000068");
    expect(text).not.toContain("S000992");
  });

  it("refuses a sample that does not name its child", () => {
    expect(() => relayTemplate({ ...sample, childId: "S000001" }, children)).toThrow(
      /does not name its child/,
    );
  });
});
