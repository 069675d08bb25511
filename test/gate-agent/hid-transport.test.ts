import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { loadProfile } from "../../common/profiles/load";
import type { HidTransportConfig, TransportConfig } from "../../common/profiles/schema";
import {
  type HidBackend,
  type HidDeviceHandle,
  type HidDeviceInfo,
  type HidDriverType,
  hidTransport,
} from "../../gate-agent/reader/hid-transport";
import { openAnyTransport } from "../../gate-agent/reader/open-any-transport";
import type { ReaderReading } from "../../gate-agent/reader/pipeline";
import { Reader, type ReaderEvent } from "../../gate-agent/reader/reader";
import type { OpenTransport, TransportHandlers } from "../../gate-agent/reader/transport";
import { isWanfengError, WanfengError } from "../../protocol/errors";
import { EventLog } from "./helpers/events";
import { typeText } from "./helpers/hid-reports";

/** Stands in for node-hid's HIDAsync: the test plays the device by emitting data and errors. */
class FakeHidDevice extends EventEmitter implements HidDeviceHandle {
  readonly written: Buffer[] = [];
  closed = false;

  async write(report: Buffer): Promise<number> {
    this.written.push(report);
    return report.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Sends a reading one report per read, as node-hid does. */
  type(text: string): void {
    const bytes = typeText(text);
    for (let i = 0; i < bytes.length; i += 8) this.emit("data", bytes.subarray(i, i + 8));
  }
}

class FakeBackend implements HidBackend {
  readonly opened: { path: string; driverType: HidDriverType }[] = [];
  readonly devicesByPath = new Map<string, FakeHidDevice>();

  constructor(private readonly attached: HidDeviceInfo[] = []) {}

  plug(path: string): FakeHidDevice {
    const device = new FakeHidDevice();
    this.devicesByPath.set(path, device);
    return device;
  }

  async devices(): Promise<HidDeviceInfo[]> {
    return this.attached;
  }

  async open(path: string, driverType: HidDriverType): Promise<HidDeviceHandle> {
    this.opened.push({ path, driverType });
    const device = this.devicesByPath.get(path);
    if (device === undefined) throw new Error(`cannot open device with path ${path}`);
    return device;
  }
}

const WEDGE: HidTransportConfig = { kind: "hid", vendorId: 0xffff, productId: 0x0035, driverType: "libusb" };
const info = (path: string, extra: Partial<HidDeviceInfo> = {}): HidDeviceInfo => ({
  vendorId: 0xffff,
  productId: 0x0035,
  path,
  release: 0x100,
  interface: 0,
  ...extra,
});

function recorder() {
  const data: Buffer[] = [];
  const closes: (Error | undefined)[] = [];
  const handlers: TransportHandlers = { onData: (c) => data.push(c), onClose: (e) => closes.push(e) };
  return { data, closes, handlers };
}

async function openFails(open: Promise<unknown>): Promise<WanfengError> {
  try {
    await open;
  } catch (err) {
    if (isWanfengError(err)) return err;
    throw err;
  }
  throw new Error("expected the open to fail");
}

describe("HID transport", () => {
  it("opens the reader's path with the profile's driver type and passes reports on", async () => {
    const backend = new FakeBackend();
    const device = backend.plug("/dev/hidraw3");
    const { data, closes, handlers } = recorder();
    const transport = await hidTransport(backend)({ path: "/dev/hidraw3", settings: WEDGE }, handlers);
    expect(backend.opened).toEqual([{ path: "/dev/hidraw3", driverType: "libusb" }]);
    device.emit("data", Buffer.from("0000270000000000", "hex"));
    expect(data.map((d) => d.toString("hex"))).toEqual(["0000270000000000"]);

    await transport.write(Buffer.from([0, 1]));
    expect(device.written).toEqual([Buffer.from([0, 1])]);
    await transport.close();
    expect(device.closed).toBe(true);
    expect(closes).toEqual([]);
    await expect(transport.write(Buffer.from([0]))).rejects.toThrow(WanfengError);
  });

  it('finds the device for "auto" by vendor, product and interface', async () => {
    const backend = new FakeBackend([
      info("other", { vendorId: 0x1a86 }),
      info("1-2:1.1", { interface: 1 }),
      info("1-2:1.0", { interface: 0 }),
    ]);
    backend.plug("1-2:1.0");
    await hidTransport(backend)({ path: "auto", settings: { ...WEDGE, interface: 0 } }, recorder().handlers);
    expect(backend.opened.map((o) => o.path)).toEqual(["1-2:1.0"]);
  });

  it('says READER_OPEN_FAILED when "auto" finds no such device', async () => {
    const backend = new FakeBackend([info("x", { productId: 0x0036 })]);
    const err = await openFails(
      hidTransport(backend)({ path: "auto", settings: WEDGE }, recorder().handlers),
    );
    expect(err.code).toBe("READER_OPEN_FAILED");
    expect(err.message).toContain("ffff:0035");
  });

  it("turns an open failure into READER_OPEN_FAILED naming the path", async () => {
    const err = await openFails(
      hidTransport(new FakeBackend())({ path: "/dev/hidraw9", settings: WEDGE }, recorder().handlers),
    );
    expect(err.code).toBe("READER_OPEN_FAILED");
    expect(err.message).toContain("/dev/hidraw9");
    expect(err.message).toContain("udev");
  });

  it("refuses a serial profile", async () => {
    const serial: TransportConfig = {
      kind: "serial",
      baudRate: 9600,
      dataBits: 8,
      parity: "none",
      stopBits: 1,
    };
    const err = await openFails(
      hidTransport(new FakeBackend())({ path: "x", settings: serial }, recorder().handlers),
    );
    expect(err.code).toBe("READER_OPEN_FAILED");
  });

  it("reports a device that goes away once, closes it and ignores what follows", async () => {
    const backend = new FakeBackend();
    const device = backend.plug("/dev/hidraw3");
    const { data, closes, handlers } = recorder();
    await hidTransport(backend)({ path: "/dev/hidraw3", settings: WEDGE }, handlers);
    const unplugged = new Error("could not read from HID device");
    device.emit("error", unplugged);
    device.emit("error", new Error("again"));
    device.emit("data", Buffer.alloc(8));
    expect(closes).toEqual([unplugged]);
    expect(data).toEqual([]);
    expect(device.closed).toBe(true);
  });
});

describe("openAnyTransport", () => {
  it("picks the opener by the profile's transport kind", async () => {
    const calls: string[] = [];
    const fake =
      (name: string): OpenTransport =>
      async () => {
        calls.push(name);
        return { write: async () => {}, close: async () => {} };
      };
    const open = openAnyTransport({ serial: fake("serial"), hid: fake("hid") });
    const serial: TransportConfig = {
      kind: "serial",
      baudRate: 9600,
      dataBits: 8,
      parity: "none",
      stopBits: 1,
    };
    await open({ path: "/dev/ttyUSB0", settings: serial }, recorder().handlers);
    await open({ path: "auto", settings: WEDGE }, recorder().handlers);
    expect(calls).toEqual(["serial", "hid"]);
  });
});

describe("a keyboard-wedge reader end to end", () => {
  const readers: Reader[] = [];
  afterEach(async () => {
    for (const r of readers.splice(0)) await r.stop();
  });

  it("reads cards typed as HID reports and reopens the device after it is unplugged", async () => {
    const profile = await loadProfile("generic/usb-wedge-em4100");
    const backend = new FakeBackend([info("1-2:1.0")]);
    let device = backend.plug("1-2:1.0");
    const readings = new EventLog<ReaderReading>();
    const events = new EventLog<ReaderEvent>();
    const reader = new Reader({
      readerId: "south-gate",
      path: "auto",
      profile,
      openTransport: openAnyTransport({ hid: hidTransport(backend) }),
      timing: { reopenMinMs: 5, reopenMaxMs: 20 },
      onReading: readings.push,
      onEvent: events.push,
    });
    readers.push(reader);
    reader.start();
    await events.next((e) => e.type === "reader:open", "open");
    device.type("0006547886");
    expect((await readings.next(() => true, "first card")).reading).toEqual({
      kind: "card",
      cardId: "0006547886",
    });

    // Unplugged halfway through a reading: the half must not glue onto the next one.
    const first = device;
    first.emit("data", typeText("0000472288").subarray(0, 8));
    device = backend.plug("1-2:1.0");
    first.emit("error", new Error("could not read from HID device"));
    await events.next((e) => e.type === "reader:closed", "closed");
    await events.waitFresh((e) => e.type === "reader:open", "reopen");
    device.type("0000472288");
    const second = await readings.next((r) => r.reading.kind === "card" && r.reading.cardId !== "0006547886");
    expect(second.reading).toEqual({ kind: "card", cardId: "0000472288" });
    expect(reader.stats()).toMatchObject({ opens: 2, badFrames: {} });
  });
});
