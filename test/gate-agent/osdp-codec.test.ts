import { describe, expect, it } from "vitest";
import { cardIdFromRaw, wiegand26Bits } from "../../gate-agent/drivers/osdp/card";
import { checksum, crc16 } from "../../gate-agent/drivers/osdp/check";
import { CMD, REPLY } from "../../gate-agent/drivers/osdp/codes";
import { buzzerCommand, ledCommand } from "../../gate-agent/drivers/osdp/commands";
import { encodePacket, PacketReader, type ParseEvent } from "../../gate-agent/drivers/osdp/packet";
import { parseKeypad, parsePdcap, parsePdid, parseRaw } from "../../gate-agent/drivers/osdp/replies";

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ""), "hex");

/** The verified vectors of shared/hardware.md. */
const POLL_CRC = "53 65 08 00 04 60 60 90";
const POLL_CHECKSUM = "53 65 07 00 00 60 E1";
const ID_CRC = "53 65 09 00 04 61 00 D9 7A";

function parseAll(...chunks: Buffer[]): ParseEvent[] {
  const reader = new PacketReader();
  const events: ParseEvent[] = [];
  for (const chunk of chunks) reader.push(chunk, (e) => events.push(e));
  return events;
}

describe("OSDP check characters", () => {
  it("CRC-16 (0x1021, init 0x1D0F) matches the vectors, little-endian on the wire", () => {
    expect(crc16(hex("53 65 08 00 04 60"))).toBe(0x9060);
    expect(crc16(hex("53 65 09 00 04 61 00"))).toBe(0x7ad9);
  });

  it("checksum makes the packet sum to zero", () => {
    expect(checksum(hex("53 65 07 00 00 60"))).toBe(0xe1);
    const all = hex(POLL_CHECKSUM).reduce((a, b) => (a + b) & 0xff, 0);
    expect(all).toBe(0);
  });
});

describe("OSDP packets", () => {
  it("encodes POLL and ID to the verified bytes", () => {
    expect(encodePacket({ address: 0x65, seq: 0, crc: true, code: CMD.POLL })).toEqual(hex(POLL_CRC));
    expect(encodePacket({ address: 0x65, seq: 0, crc: false, code: CMD.POLL })).toEqual(hex(POLL_CHECKSUM));
    expect(encodePacket({ address: 0x65, seq: 0, crc: true, code: CMD.ID, data: Buffer.from([0]) })).toEqual(
      hex(ID_CRC),
    );
  });

  it("puts the mark byte first, the reply bit in the address and the sequence in CTRL", () => {
    const packet = encodePacket({ address: 1, reply: true, seq: 3, crc: true, code: REPLY.ACK, mark: true });
    expect(packet.subarray(0, 6)).toEqual(hex("FF 53 81 08 00 07"));
  });

  it("parses the vectors back, with or without the mark byte", () => {
    const events = parseAll(hex(`FF ${POLL_CRC}`), hex(POLL_CHECKSUM), hex(ID_CRC));
    expect(events.map((e) => e.type)).toEqual(["packet", "packet", "packet"]);
    const [poll, pollSum, id] = events.map((e) => (e.type === "packet" ? e.packet : undefined));
    expect(poll).toMatchObject({ address: 0x65, reply: false, seq: 0, crc: true, code: CMD.POLL });
    expect(poll?.raw).toEqual(hex(`FF ${POLL_CRC}`));
    expect(pollSum).toMatchObject({ crc: false, code: CMD.POLL });
    expect(id?.data).toEqual(hex("00"));
  });

  it("finds packets split across chunks and between junk", () => {
    const reply = encodePacket({ address: 0, reply: true, seq: 1, crc: true, code: REPLY.ACK });
    const stream = Buffer.concat([hex("00 11 22"), reply, hex("FF FF 33")]);
    const events = parseAll(...[...stream].map((b) => Buffer.from([b])));
    expect(events.filter((e) => e.type === "packet")).toHaveLength(1);
    const junk = events.reduce((n, e) => n + (e.type === "junk" ? e.count : 0), 0);
    expect(junk).toBe(4); // 00 11 22 33; the FF mark bytes are not junk
  });

  it("rejects a bad CRC, a bad checksum and a bad length, then resynchronises", () => {
    const good = encodePacket({ address: 0, reply: true, seq: 1, crc: true, code: REPLY.ACK });
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1] = (badCrc.at(-1) ?? 0) ^ 0xff;
    const badSum = hex(POLL_CHECKSUM);
    badSum[6] = 0;
    const badLength = hex("53 00 FF FF 04");
    const events = parseAll(badCrc, badSum, badLength, good);
    const bad = events.filter((e) => e.type === "bad");
    expect(bad.map((e) => e.type === "bad" && e.reason)).toEqual([
      "osdp:crc",
      "osdp:checksum",
      "osdp:length",
    ]);
    expect(events.at(-1)).toMatchObject({ type: "packet", packet: { code: REPLY.ACK } });
  });

  it("does not count the bytes of a rejected packet again as junk", () => {
    const bad = encodePacket({ address: 0, reply: true, seq: 1, crc: true, code: REPLY.ACK });
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 0xff;
    const events = parseAll(bad);
    expect(events).toEqual([expect.objectContaining({ type: "bad", raw: bad })]);
  });

  it("finds a real packet that starts inside a false one", () => {
    const good = encodePacket({ address: 2, reply: true, seq: 2, crc: true, code: REPLY.ACK });
    // 53 then a length of 10: the good packet's first bytes are swallowed by the false start.
    const events = parseAll(Buffer.concat([hex("53 00 0A 00 04"), good]));
    expect(events.find((e) => e.type === "packet")).toMatchObject({ packet: { address: 2 } });
  });

  it("reads the security block and leaves the MAC out of the data", () => {
    const body = hex("53 81 10 00 0C 02 15 50 01 02 AA BB CC DD");
    const crc = Buffer.alloc(2);
    crc.writeUInt16LE(crc16(body));
    const events = parseAll(Buffer.concat([body, crc]));
    expect(events[0]).toMatchObject({ type: "packet", packet: { code: REPLY.RAW, data: hex("01 02") } });
    expect(events[0]?.type === "packet" && events[0].packet.securityBlock).toEqual(hex("02 15"));
  });
});

describe("OSDP commands and replies", () => {
  it("builds LED with a temporary pattern and BUZ with a beep count", () => {
    const led = ledCommand(0, 0, { color: "green", onMs: 1500, offMs: 0, durationMs: 1500 });
    expect(led).toEqual(hex("00 00 02 0F 00 02 00 0F 00 00 00 00 00 00"));
    expect(buzzerCommand(0, { count: 3, onMs: 100, offMs: 100 })).toEqual(hex("00 02 01 01 03"));
  });

  it("parses PDID, PDCAP, RAW and KEYPAD", () => {
    expect(parsePdid(hex("5C 26 0A 01 02 78 56 34 12 03 01 07"))).toEqual({
      vendor: "5c260a",
      model: 1,
      version: 2,
      serial: 0x12345678,
      firmware: "3.1.7",
    });
    expect(parsePdid(hex("00"))).toBeUndefined();
    expect(parsePdcap(hex("04 01 01 08 01 00"))).toEqual([
      { function: 4, compliance: 1, items: 1 },
      { function: 8, compliance: 1, items: 0 },
    ]);
    expect(parsePdcap(hex("04 01"))).toBeUndefined();
    expect(parseRaw(hex("00 01 1A 00 01 02 03 C0"))).toMatchObject({
      bitCount: 26,
      bits: hex("01 02 03 C0"),
    });
    expect(parseRaw(hex("00 01 1A 00 01 02"))).toBeUndefined();
    expect(parseKeypad(hex("00 03 31 32 0D"))).toEqual({ reader: 0, keys: hex("31 32 0D") });
    expect(parseKeypad(hex("00 05 31"))).toBeUndefined();
  });
});

describe("card ids from OSDP card reads", () => {
  const raw = (bitCount: number, bits: Buffer) => ({ reader: 0, format: 1, bitCount, bits });

  it("26-bit Wiegand gives the W26 id, the same as the card's EM4100 number (hardware.md)", () => {
    // 010063E9AE prints as 0006547886 and as W26 099,59822.
    expect(cardIdFromRaw(raw(26, wiegand26Bits(99, 59822)), "wiegand")).toEqual({ cardId: "0006547886" });
  });

  it("refuses 26 bits whose parity is wrong", () => {
    const bits = wiegand26Bits(99, 59822);
    bits[1] = (bits[1] ?? 0) ^ 0x10;
    expect(cardIdFromRaw(raw(26, bits), "wiegand")).toMatchObject({ error: { reason: "osdp:parity" } });
  });

  it("34-bit Wiegand and bare 32 bits give the 10-digit decimal", () => {
    // 34 bits: even parity, 0x0063E9AE, odd parity, left-aligned in 5 bytes.
    const value = 0x0063e9ae;
    const ones = (v: number) => v.toString(2).replace(/0/g, "").length;
    const even = ones(value >>> 16) % 2;
    const odd = 1 - (ones(value & 0xffff) % 2);
    const bits34 = BigInt(even) * 2n ** 33n + BigInt(value) * 2n + BigInt(odd);
    const bytes = Buffer.alloc(5);
    const aligned = bits34 << 6n;
    for (let i = 0; i < 5; i++) bytes[i] = Number((aligned >> BigInt(8 * (4 - i))) & 0xffn);
    expect(cardIdFromRaw(raw(34, bytes), "wiegand")).toEqual({ cardId: "0006547886" });
    expect(cardIdFromRaw(raw(32, hex("00 63 E9 AE")), "wiegand")).toEqual({ cardId: "0006547886" });
  });

  it("other lengths, or the uid format, give UID hex", () => {
    expect(cardIdFromRaw(raw(56, hex("04 A2 B3 C4 D5 E6 F7")), "wiegand")).toEqual({
      cardId: "UID:04A2B3C4D5E6F7",
    });
    expect(cardIdFromRaw(raw(32, hex("DE AD BE EF")), "uid")).toEqual({ cardId: "UID:DEADBEEF" });
  });
});
