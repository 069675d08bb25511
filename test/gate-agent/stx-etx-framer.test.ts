import { describe, expect, it } from "vitest";
import type { Frame, FrameReject } from "../../gate-agent/framing";
import { StxEtxFramer } from "../../gate-agent/framing/stx-etx";
import { CARD_A, CARD_B, rdm6300Frame } from "./helpers/frames";

const RDM6300 = { start: 0x02, end: 0x03, frameLength: 14 };

async function run(chunks: Buffer[]): Promise<{ frames: Frame[]; rejects: FrameReject[] }> {
  const rejects: FrameReject[] = [];
  const framer = new StxEtxFramer(RDM6300, (r) => rejects.push(r));
  const frames: Frame[] = [];
  framer.on("data", (f: Frame) => frames.push(f));
  const ended = new Promise((resolve) => framer.once("end", resolve));
  for (const chunk of chunks) framer.write(chunk);
  framer.end();
  await ended;
  return { frames, rejects };
}

const a = rdm6300Frame(CARD_A.digits);
const b = rdm6300Frame(CARD_B.digits);

describe("stx-etx framer", () => {
  it("cuts one frame and hands the payload between the delimiters", async () => {
    const { frames, rejects } = await run([a]);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.raw.equals(a)).toBe(true);
    expect(frames[0]?.payload.toString("latin1")).toBe(CARD_A.digits);
    expect(rejects).toEqual([]);
  });

  it("joins a frame split across many chunks, one byte at a time", async () => {
    const bytes = Buffer.concat([a, b]);
    const { frames } = await run([...bytes].map((byte) => Buffer.from([byte])));
    expect(frames.map((f) => f.payload.toString("latin1"))).toEqual([CARD_A.digits, CARD_B.digits]);
  });

  it("skips junk before, between and after frames and reports it as junk", async () => {
    const { frames, rejects } = await run([
      Buffer.from([0x00, 0xff]),
      a,
      Buffer.from("\r\n"),
      b,
      Buffer.from([0x7f]),
    ]);
    expect(frames).toHaveLength(2);
    expect(rejects.map((r) => r.reason)).toEqual(["junk", "junk", "junk"]);
    expect(rejects.reduce((n, r) => n + r.raw.length, 0)).toBe(5);
  });

  it("resynchronises on a start byte inside a frame cut short", async () => {
    const cut = a.subarray(0, 6);
    const { frames, rejects } = await run([Buffer.concat([cut, b])]);
    expect(frames.map((f) => f.payload.toString("latin1"))).toEqual([CARD_B.digits]);
    expect(rejects).toEqual([{ reason: "truncated", raw: cut }]);
  });

  it("counts and skips a frame that ends too early", async () => {
    const short = Buffer.from([0x02, 0x30, 0x31, 0x03]);
    const { frames, rejects } = await run([short, a]);
    expect(frames).toHaveLength(1);
    expect(rejects.map((r) => r.reason)).toEqual(["wrong_length"]);
  });

  it("gives up on a frame that never ends and finds the next one", async () => {
    const long = Buffer.concat([Buffer.from([0x02]), Buffer.from("0123456789ABCDEF", "latin1")]);
    const { frames, rejects } = await run([long, a]);
    expect(frames.map((f) => f.payload.toString("latin1"))).toEqual([CARD_A.digits]);
    expect(rejects.map((r) => r.reason)).toEqual(["too_long", "junk"]);
  });

  it("reports a partial frame left at the end of the stream as incomplete", async () => {
    const { frames, rejects } = await run([a, a.subarray(0, 9)]);
    expect(frames).toHaveLength(1);
    expect(rejects.map((r) => r.reason)).toEqual(["incomplete"]);
  });

  it("passes repeats through unchanged: debounce is a later stage", async () => {
    const { frames } = await run([Buffer.concat([a, a, a])]);
    expect(frames).toHaveLength(3);
  });
});
