import { describe, expect, it } from "vitest";
import { isWanfengError } from "../../protocol";
import { decideChildCommand } from "../../server/domain/child-commands";
import { applyEvent, replay } from "../../server/domain/day-state";
import { AFTERNOON, DAY, gate, tap, world } from "./fixtures";

const actor = { kind: "user", id: "u1" } as const;

function command(w: ReturnType<typeof world>, kind: "checkIn" | "release" | "collect", childId: string) {
  const event = decideChildCommand({ kind, childId, ...w, actor, eventId: `e-${kind}`, now: AFTERNOON });
  applyEvent(w.state, event);
  return event;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isWanfengError(err)) return err.code;
    throw err;
  }
  return "none";
}

describe("touch commands follow the care day", () => {
  it("check-in → request at the gate → release → collected", () => {
    const w = world();
    expect(command(w, "checkIn", "c3")).toMatchObject({ type: "child:checked_in", via: "touch", actor });
    tap(w, gate, "0000000002");
    expect(command(w, "release", "c3").type).toBe("child:released");
    expect(command(w, "collect", "c3").type).toBe("child:collected");
    expect(w.state.children.get("c3")?.status).toBe("collected");
  });

  it("refuses a release without a verified request at the gate", () => {
    const w = world();
    command(w, "checkIn", "c3");
    expect(refusal(() => command(w, "release", "c3"))).toBe("PICKUP_WRONG_STATE");
  });

  it("refuses collecting a child who was not released, and collecting twice", () => {
    const w = world();
    command(w, "checkIn", "c3");
    expect(refusal(() => command(w, "collect", "c3"))).toBe("PICKUP_WRONG_STATE");
    tap(w, gate, "0000000002");
    command(w, "release", "c3");
    command(w, "collect", "c3");
    expect(refusal(() => command(w, "collect", "c3"))).toBe("PICKUP_WRONG_STATE");
  });

  it("refuses checking in twice and unknown children", () => {
    const w = world();
    command(w, "checkIn", "c1");
    expect(refusal(() => command(w, "checkIn", "c1"))).toBe("PICKUP_WRONG_STATE");
    expect(refusal(() => command(w, "checkIn", "nobody"))).toBe("NOT_FOUND");
  });
});

describe("replay", () => {
  it("rebuilds the same state from the events, ignoring other days", () => {
    const w = world();
    const events = [
      ...tap(w, gate, "0123456789").events,
      command(w, "checkIn", "c3"),
      ...tap(w, gate, "0000000002").events,
    ];
    const other = { ...command(world(), "checkIn", "c1"), day: "2026-11-22" };
    const rebuilt = replay(DAY, [...events, other]);
    expect(rebuilt.children).toEqual(w.state.children);
    expect(rebuilt.alerts).toEqual(w.state.alerts);
    expect(rebuilt.taps).toEqual(w.state.taps);
    expect(rebuilt.lastCountedTap).toEqual(w.state.lastCountedTap);
  });
});
