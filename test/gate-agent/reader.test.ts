import { SerialPortMock } from "serialport";
import { afterEach, describe, expect, it } from "vitest";
import { loadProfile } from "../../common/profiles/load";
import type { ReaderReading } from "../../gate-agent/reader/pipeline";
import { Reader, type ReaderEvent } from "../../gate-agent/reader/reader";
import { serialTransport } from "../../gate-agent/reader/serial-transport";
import type { OpenTransport, TransportHandlers } from "../../gate-agent/reader/transport";
import { parseReaderSpec, readerIdOf } from "../../gate-agent/reader-spec";
import { WanfengError } from "../../protocol/errors";
import { EventLog } from "./helpers/events";
import { CARD_A, CARD_B, rdm6300Frame } from "./helpers/frames";

const TIMING = { reopenMinMs: 5, reopenMaxMs: 20 };
const profile = await loadProfile("generic/rdm6300");

const readers: Reader[] = [];
afterEach(async () => {
  for (const r of readers.splice(0)) await r.stop();
  SerialPortMock.binding.reset();
});

function startReader(openTransport: OpenTransport, path = "/dev/ttyUSB0") {
  const readings = new EventLog<ReaderReading>();
  const events = new EventLog<ReaderEvent>();
  const reader = new Reader({
    readerId: "gate-1",
    path,
    profile,
    openTransport,
    timing: TIMING,
    onReading: readings.push,
    onEvent: events.push,
  });
  readers.push(reader);
  reader.start();
  return { reader, readings, events };
}

describe("reader over serialport's mock binding", () => {
  it("opens the port with the profile's settings and reads a card", async () => {
    SerialPortMock.binding.createPort("/dev/ttyUSB0");
    const created: SerialPortMock[] = [];
    class RecordingPort extends SerialPortMock {
      constructor(options: ConstructorParameters<typeof SerialPortMock>[0]) {
        super(options);
        created.push(this);
      }
    }
    const { readings, events } = startReader(serialTransport(RecordingPort));
    await events.next((e) => e.type === "reader:open", "open");
    // binding-mock simulates the device sending bytes through emitData on the opened port.
    const opened = created[0]?.port;
    expect(opened?.openOptions).toMatchObject({ baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 });
    opened?.emitData(rdm6300Frame(CARD_A.digits));
    const reading = await readings.next(() => true, "reading");
    expect(reading.reading).toEqual({ kind: "card", cardId: CARD_A.cardId });
  });

  it("keeps retrying a port that is not there yet", async () => {
    const { events, reader } = startReader(serialTransport(SerialPortMock), "/dev/ttyUSB9");
    const failed = await events.next((e) => e.type === "reader:open-failed", "open failure");
    expect(failed).toMatchObject({ reason: expect.stringContaining("/dev/ttyUSB9") });
    SerialPortMock.binding.createPort("/dev/ttyUSB9");
    await events.waitFresh((e) => e.type === "reader:open", "open after plug-in");
    expect(reader.stats()).toMatchObject({ open: true, opens: 1 });
  });
});

describe("reader reopen", () => {
  it("reopens after the device goes away and drops the half frame it was cut off in", async () => {
    let handlers: TransportHandlers | undefined;
    let opens = 0;
    const fake: OpenTransport = async (_request, h) => {
      opens++;
      if (opens === 2) throw new WanfengError("READER_OPEN_FAILED", "no such device");
      handlers = h;
      return { write: async () => {}, close: async () => {} };
    };
    const { readings, events, reader } = startReader(fake);
    await events.next((e) => e.type === "reader:open", "first open");
    handlers?.onData(rdm6300Frame(CARD_A.digits).subarray(0, 7));
    handlers?.onClose(new Error("unplugged"));
    await events.next((e) => e.type === "reader:closed", "closed");
    await events.next((e) => e.type === "reader:open-failed", "still unplugged");
    await events.waitFresh((e) => e.type === "reader:open", "reopen");
    handlers?.onData(rdm6300Frame(CARD_B.digits));
    expect((await readings.next(() => true, "reading")).reading).toEqual({
      kind: "card",
      cardId: CARD_B.cardId,
    });
    expect(reader.stats()).toMatchObject({ opens: 2, open: true, badFrames: {} });
  });
});

describe("reader specs", () => {
  it("splits profile and path at the first colon", () => {
    expect(parseReaderSpec("generic/rdm6300:/dev/ttyUSB0")).toEqual({
      profile: "generic/rdm6300",
      path: "/dev/ttyUSB0",
    });
    expect(parseReaderSpec("rdm6300:COM3")).toEqual({ profile: "rdm6300", path: "COM3" });
  });

  it("refuses a spec without a profile or a path", () => {
    expect(() => parseReaderSpec("/dev/ttyUSB0")).toThrow(WanfengError);
    expect(() => parseReaderSpec("generic/rdm6300:")).toThrow(/profile>:<path/);
  });

  it("defaults the reader id to the port name, at most 64 characters", () => {
    expect(readerIdOf({ profile: "x", path: "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0" })).toBe(
      "usb-1a86_USB_Serial-if00-port0",
    );
    expect(readerIdOf({ profile: "x", path: `/dev/${"a".repeat(80)}` })).toHaveLength(64);
    expect(readerIdOf({ profile: "x", path: "/dev/ttyUSB0", readerId: "north-gate" })).toBe("north-gate");
    expect(readerIdOf({ profile: "generic/usb-wedge-em4100", path: "auto" })).toBe("usb-wedge-em4100");
    expect(() => readerIdOf({ profile: "x", path: "/dev/ttyUSB0", readerId: "b".repeat(65) })).toThrow(
      WanfengError,
    );
  });
});
