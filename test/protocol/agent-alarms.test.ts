import { describe, expect, it } from "vitest";
import { type AgentHealth, agentAlarms } from "../../protocol/technician";

const healthy: AgentHealth = { outboxDepth: 0, outboxLimit: 10_000, clockOffsetMs: 150, offline: false };

describe("an agent's alarms", () => {
  it("none when healthy or not yet measured", () => {
    expect(agentAlarms(healthy)).toEqual([]);
    expect(agentAlarms({ outboxDepth: 0, outboxLimit: 10, offline: true })).toEqual([]);
  });

  it("a clock more than 2 s off, either way", () => {
    expect(agentAlarms({ ...healthy, clockOffsetMs: 2_001 })).toEqual(["clock_offset"]);
    expect(agentAlarms({ ...healthy, clockOffsetMs: -2_500 })).toEqual(["clock_offset"]);
    expect(agentAlarms({ ...healthy, clockOffsetMs: 2_000 })).toEqual([]);
  });

  it("an outbox at 80 %, and a full one or a disk error", () => {
    expect(agentAlarms({ ...healthy, outboxDepth: 8_000 })).toEqual(["outbox_near_full"]);
    expect(agentAlarms({ ...healthy, outboxProblem: "near_full" })).toEqual(["outbox_near_full"]);
    expect(agentAlarms({ ...healthy, outboxDepth: 10_000, outboxProblem: "full" })).toEqual(["outbox_error"]);
    expect(agentAlarms({ ...healthy, outboxProblem: "disk_error" })).toEqual(["outbox_error"]);
  });
});
