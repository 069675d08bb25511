import { describe, expect, it } from "vitest";
import type { LineOptions } from "../../common/profiles/framing-options";
import type { Frame, FrameReject } from "../../gate-agent/framing";
import { LineFramer, type ScheduleTimeout } from "../../gate-agent/framing/line";

/** A clock moved by hand: the inter-byte timeout is tested without sleeping. */
function manualClock() {
  let now = 0;
  const timers: { at: number; fire: () => void; live: boolean }[] = [];
  const schedule: ScheduleTimeout = (fire, ms) => {
    const timer = { at: now + ms, fire, live: true };
    timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers) {
      if (timer.live && timer.at <= now) {
        timer.live = false;
        timer.fire();
      }
    }
  };
  const pending = () => timers.filter((t) => t.live).length;
  return { schedule, advance, pending };
}

function framer(options: Partial<LineOptions> = {}, schedule?: ScheduleTimeout) {
  const frames: Frame[] = [];
  const rejects: FrameReject[] = [];
  const f = new LineFramer({ maxLength: 64, ...options }, (r) => rejects.push(r), schedule);
  f.on("data", (frame: Frame) => frames.push(frame));
  const ended = new Promise((resolve) => f.once("end", resolve));
  const end = async () => {
    f.end();
    await ended;
  };
  const lines = () => frames.map((x) => x.payload.toString("utf8"));
  const reasons = () => rejects.map((r) => r.reason);
  return { f, frames, rejects, end, lines, reasons };
}

const bytes = (s: string) => Buffer.from(s, "utf8");

describe("line framer", () => {
  it.each([
    ["CRLF", "A1\r\nB2\r\n"],
    ["CR", "A1\rB2\r"],
    ["LF", "A1\nB2\n"],
  ])("splits on %s", async (_name, input) => {
    const t = framer();
    t.f.write(bytes(input));
    await t.end();
    expect(t.lines()).toEqual(["A1", "B2"]);
    expect(t.rejects).toEqual([]);
  });

  it("treats a CRLF split across chunks as one terminator", async () => {
    const t = framer();
    t.f.write(bytes("]Q1WF-PASS-1234\r"));
    t.f.write(bytes("\n]Q1WF"));
    t.f.write(bytes("-PASS-9\r"));
    t.f.write(bytes("\n"));
    await t.end();
    expect(t.lines()).toEqual(["]Q1WF-PASS-1234", "]Q1WF-PASS-9"]);
    expect(t.rejects).toEqual([]);
  });

  it("joins a line fed one byte at a time and keeps raw with its terminator", async () => {
    const t = framer();
    for (const b of bytes("099,59822\r\n")) t.f.write(Buffer.from([b]));
    await t.end();
    expect(t.lines()).toEqual(["099,59822"]);
    expect(t.frames[0]?.raw.toString("latin1")).toBe("099,59822\r");
  });

  it("skips empty lines and counts their terminators as junk", async () => {
    const t = framer();
    t.f.write(bytes("\n\r\nA\n\n\rB\r\r\n"));
    await t.end();
    expect(t.lines()).toEqual(["A", "B"]);
    // "\n", "\r\n" (one terminator, its CR counted), "\n", "\r", and "\r" before the final CRLF.
    expect(t.reasons()).toEqual(["junk", "junk", "junk", "junk", "junk"]);
  });

  it("keeps UTF-8 text whole even when a chunk cuts a character", async () => {
    const t = framer();
    const line = bytes("接送卡-7\r\n");
    t.f.write(line.subarray(0, 2));
    t.f.write(line.subarray(2));
    await t.end();
    expect(t.lines()).toEqual(["接送卡-7"]);
  });

  it("rejects a line over maxLength once and drops the rest of it", async () => {
    const t = framer({ maxLength: 8 });
    t.f.write(bytes("0123456789"));
    t.f.write(bytes("ABCDEF\r\nOK\r\n"));
    await t.end();
    expect(t.lines()).toEqual(["OK"]);
    expect(t.reasons()[0]).toBe("too_long");
    expect(t.rejects[0]?.raw.toString()).toBe("0123456789");
    expect(
      t
        .reasons()
        .slice(1)
        .every((r) => r === "junk"),
    ).toBe(true);
  });

  it("strips a configured prefix and refuses lines without it", async () => {
    const t = framer({ prefix: "@@" });
    t.f.write(bytes("@@]Q1PASS\r\nPASS\r\n"));
    await t.end();
    expect(t.lines()).toEqual(["]Q1PASS"]);
    expect(t.frames[0]?.raw.toString()).toBe("@@]Q1PASS\r");
    expect(t.reasons()).toEqual(["bad_prefix"]);
  });

  it("reports a line cut off by the end of the stream as incomplete", async () => {
    const t = framer();
    t.f.write(bytes("A\r\nhalf"));
    await t.end();
    expect(t.lines()).toEqual(["A"]);
    expect(t.reasons()).toEqual(["incomplete"]);
  });
});

describe("line framer with an inter-byte timeout (scanner without suffix)", () => {
  it("ends a reading after the pause, not before", async () => {
    const clock = manualClock();
    const t = framer({ interByteTimeoutMs: 50 }, clock.schedule);
    t.f.write(bytes("]Q1WF-PA"));
    clock.advance(30);
    t.f.write(bytes("SS-1234"));
    clock.advance(30);
    expect(t.lines()).toEqual([]);
    clock.advance(20);
    expect(t.lines()).toEqual(["]Q1WF-PASS-1234"]);
    expect(t.frames[0]?.raw.toString()).toBe("]Q1WF-PASS-1234");
    t.f.write(bytes("NEXT"));
    clock.advance(50);
    expect(t.lines()).toEqual(["]Q1WF-PASS-1234", "NEXT"]);
    await t.end();
    expect(t.rejects).toEqual([]);
  });

  it("still splits on CR/LF, and sets no timer when nothing is pending", async () => {
    const clock = manualClock();
    const t = framer({ interByteTimeoutMs: 50 }, clock.schedule);
    t.f.write(bytes("A\r\nB\r\n"));
    expect(t.lines()).toEqual(["A", "B"]);
    expect(clock.pending()).toBe(0);
    await t.end();
  });

  it("emits the pending reading at the end of the stream (what the fixture walk relies on)", async () => {
    const clock = manualClock();
    const t = framer({ interByteTimeoutMs: 50 }, clock.schedule);
    t.f.write(bytes("]Q1WF-PASS-1234"));
    await t.end();
    expect(t.lines()).toEqual(["]Q1WF-PASS-1234"]);
    expect(clock.pending()).toBe(0);
  });

  it("ends the dropping of a too-long reading at the pause", async () => {
    const clock = manualClock();
    const t = framer({ interByteTimeoutMs: 50, maxLength: 4 }, clock.schedule);
    t.f.write(bytes("TOOLONG"));
    t.f.write(bytes("MORE"));
    clock.advance(50);
    t.f.write(bytes("OK"));
    clock.advance(50);
    expect(t.lines()).toEqual(["OK"]);
    expect(t.reasons()).toEqual(["too_long", "junk"]);
    await t.end();
  });

  it("cancels its timer when destroyed (reader reopened)", () => {
    const clock = manualClock();
    const t = framer({ interByteTimeoutMs: 50 }, clock.schedule);
    t.f.write(bytes("half"));
    expect(clock.pending()).toBe(1);
    t.f.destroy();
    expect(clock.pending()).toBe(0);
  });
});
