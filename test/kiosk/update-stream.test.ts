import { describe, expect, it } from "vitest";
import { UpdateStream } from "../../kiosk/src/shell/update-stream";

function stream() {
  const applied: string[] = [];
  let resyncs = 0;
  const updates = new UpdateStream(() => {
    resyncs += 1;
  });
  return { updates, applied, resyncs: () => resyncs };
}

describe("a screen's update stream", () => {
  it("applies updates after the snapshot in order and skips those the snapshot includes", () => {
    const { updates, applied, resyncs } = stream();
    updates.awaitSnapshot();
    updates.snapshot(5, () => applied.push("snapshot@5"));
    updates.update(5, () => applied.push("old@5"));
    updates.update(6, () => applied.push("u6"));
    updates.update(7, () => applied.push("u7"));
    expect(applied).toEqual(["snapshot@5", "u6", "u7"]);
    expect(resyncs()).toBe(0);
  });

  it("keeps the updates that arrive while a snapshot is on its way, then applies the newer ones", () => {
    const { updates, applied } = stream();
    updates.awaitSnapshot();
    updates.update(3, () => applied.push("u3"));
    updates.update(4, () => applied.push("u4"));
    updates.snapshot(3, () => applied.push("snapshot@3"));
    expect(applied).toEqual(["snapshot@3", "u4"]);
  });

  it("asks for a new snapshot when an update was missed, and applies nothing past the gap", () => {
    const { updates, applied, resyncs } = stream();
    updates.awaitSnapshot();
    updates.snapshot(1, () => applied.push("snapshot@1"));
    updates.update(3, () => applied.push("u3"));
    expect(applied).toEqual(["snapshot@1"]);
    expect(resyncs()).toBe(1);
  });
});
