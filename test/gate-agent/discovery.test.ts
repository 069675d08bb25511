import { describe, expect, it } from "vitest";
import { type ReadersSources, runReadersCommand } from "../../cli/readers-command";
import { loadAllProfiles, parseProfile } from "../../common/profiles/load";
import type { HardwareProfile } from "../../common/profiles/schema";
import {
  formatUsbIds,
  type HidDeviceSeen,
  matchHidDevices,
  matchSerialPorts,
  parseHexUsbId,
} from "../../gate-agent/discovery";

const base = {
  name: "test",
  framing: { kind: "hid-keyboard", options: {} },
  decoder: { kind: "decimal-card", options: {} },
  debounceMs: 0,
};
const profile = (id: string, extra: Record<string, unknown>): HardwareProfile =>
  parseProfile({ ...base, id, ...extra }, `${id}.json`);

const hidraw = profile("acme/raw", {
  transport: { kind: "hid", vendorId: "0xffff", productId: "0x0035", interface: 0, driverType: "hidraw" },
});
const libusb = profile("acme/exclusive", {
  transport: { kind: "hid", vendorId: "0xffff", productId: "0x0035", driverType: "libusb" },
});
const scannerHid = profile("acme/scanner", {
  transport: {
    kind: "hid",
    vendorId: "0x0c2e",
    productId: "0x0b61",
    usagePage: "0x01",
    driverType: "hidraw",
  },
  match: [{ vendorId: "0x0c2e", productId: "0x0b6a" }],
});
const cdcScanner = profile("acme/cdc", {
  transport: { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 },
  framing: { kind: "stx-etx", options: { start: 2, end: 3, frameLength: 14 } },
  decoder: { kind: "em4100-ascii-hex", options: {} },
  match: [{ vendorId: "0x0c2e", productId: "0x0b6a" }],
});
const profiles = [hidraw, libusb, scannerHid, cdcScanner];

const wedge = (extra: Partial<HidDeviceSeen> = {}): HidDeviceSeen => ({
  vendorId: 0xffff,
  productId: 0x0035,
  path: "/dev/hidraw3",
  interface: 0,
  ...extra,
});

describe("reader discovery", () => {
  it("matches HID devices to profiles by their transport's ids, with the --reader path to use", () => {
    const [match] = matchHidDevices([wedge()], profiles);
    expect(match?.suggestions).toEqual([
      { profile: "acme/raw", path: "/dev/hidraw3" },
      // A libusb profile cannot open the hidraw path: it finds the device by ids.
      { profile: "acme/exclusive", path: "auto" },
    ]);
  });

  it("honours the profile's interface and usage page", () => {
    expect(
      matchHidDevices([wedge({ interface: 1 })], profiles)[0]?.suggestions.map((s) => s.profile),
    ).toEqual(["acme/exclusive"]);
    const scanner = { vendorId: 0x0c2e, productId: 0x0b61, path: "/dev/hidraw5" };
    expect(matchHidDevices([{ ...scanner, usagePage: 0x8c }], profiles)[0]?.suggestions).toEqual([]);
    expect(matchHidDevices([{ ...scanner, usagePage: 0x01 }], profiles)[0]?.suggestions).toEqual([
      { profile: "acme/scanner", path: "/dev/hidraw5" },
    ]);
  });

  it("uses a profile's match list, for HID devices and serial ports alike", () => {
    const other = { vendorId: 0x0c2e, productId: 0x0b6a, path: "/dev/hidraw6" };
    expect(matchHidDevices([other], profiles)[0]?.suggestions.map((s) => s.profile)).toEqual([
      "acme/scanner",
    ]);
    const port = {
      path: "/dev/ttyACM0",
      vendorId: 0x0c2e,
      productId: 0x0b6a,
      pnpId: "usb-Acme_Scanner-if00",
    };
    expect(matchSerialPorts([port], profiles)[0]?.suggestions).toEqual([
      { profile: "acme/cdc", path: "/dev/serial/by-id/usb-Acme_Scanner-if00" },
    ]);
  });

  it("suggests nothing for unknown devices and ports without USB ids", () => {
    expect(matchHidDevices([wedge({ vendorId: 0x046d })], profiles)[0]?.suggestions).toEqual([]);
    expect(matchSerialPorts([{ path: "/dev/ttyS0" }], profiles)[0]?.suggestions).toEqual([]);
    expect(matchHidDevices([], profiles)).toEqual([]);
  });

  it("finds the shipped wedge profiles for a Sycreader ffff:0035", async () => {
    const shipped = await loadAllProfiles();
    const ids = matchHidDevices([wedge()], shipped)[0]?.suggestions.map((s) => s.profile);
    expect(ids).toEqual(
      expect.arrayContaining([
        "generic/usb-wedge-em4100",
        "generic/usb-wedge-uid-decimal-lsb",
        "generic/usb-wedge-uid-decimal-msb",
      ]),
    );
  });

  it("reads serialport's hex ids and prints ids as lsusb does", () => {
    expect(parseHexUsbId("1a86")).toBe(0x1a86);
    expect(parseHexUsbId(undefined)).toBeUndefined();
    expect(parseHexUsbId("xyz")).toBeUndefined();
    expect(formatUsbIds(0xffff, 0x35)).toBe("ffff:0035");
    expect(formatUsbIds(undefined, undefined)).toBe("????:????");
  });
});

describe("wanfeng readers", () => {
  async function output(sources: Partial<ReadersSources> = {}, json = false) {
    const lines: string[] = [];
    await runReadersCommand(
      { json },
      {
        listHid: async () => [],
        listSerial: async () => [],
        loadProfiles: async () => profiles,
        print: (line) => lines.push(line),
        ...sources,
      },
    );
    return lines.join("\n");
  }

  it("says so when there is nothing plugged in", async () => {
    const text = await output();
    expect(text).toContain("no HID devices");
    expect(text).toContain("no serial ports");
  });

  it("lists devices with their matches and keeps going when one list fails", async () => {
    const text = await output({
      listHid: async () => [{ ...wedge(), manufacturer: "Sycreader", product: "USB Reader", usagePage: 1 }],
      listSerial: async () => {
        throw new Error("udevadm not found");
      },
    });
    expect(text).toContain("ffff:0035  Sycreader USB Reader  /dev/hidraw3  usagePage 0x0001  interface 0");
    expect(text).toContain("--reader acme/raw:/dev/hidraw3");
    expect(text).toContain("--reader acme/exclusive:auto");
    expect(text).toContain("cannot list serial ports: udevadm not found");
  });

  it("prints JSON when asked", async () => {
    const parsed = JSON.parse(await output({ listHid: async () => [wedge()] }, true));
    expect(parsed.hid[0].suggestions).toHaveLength(2);
    expect(parsed.serial).toEqual([]);
  });
});
