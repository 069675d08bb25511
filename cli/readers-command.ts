import { SerialPort } from "serialport";
import { loadAllProfiles } from "../common/profiles/load";
import type { HardwareProfile } from "../common/profiles/schema";
import {
  type DeviceMatches,
  formatUsbIds,
  type HidDeviceSeen,
  matchHidDevices,
  matchSerialPorts,
  parseHexUsbId,
  type SerialPortSeen,
} from "../gate-agent/discovery";
import { type HidDriverType, nodeHidBackend } from "../gate-agent/reader/hid-transport";

/** Where the command gets its lists; tests pass fakes, the CLI the real libraries. */
export interface ReadersSources {
  listHid(driverType: HidDriverType): Promise<HidDeviceSeen[]>;
  listSerial(): Promise<SerialPortSeen[]>;
  loadProfiles(): Promise<HardwareProfile[]>;
  print(line: string): void;
}

const realSources: ReadersSources = {
  listHid: (driverType) => nodeHidBackend.devices(driverType),
  listSerial: async () =>
    (await SerialPort.list()).map((p) => ({
      path: p.path,
      vendorId: parseHexUsbId(p.vendorId),
      productId: parseHexUsbId(p.productId),
      manufacturer: p.manufacturer,
      pnpId: p.pnpId,
    })),
  loadProfiles: () => loadAllProfiles(),
  print: (line) => console.log(line),
};

export interface ReadersCommandOptions {
  /** List through node-hid's libusb backend: shows the paths libusb profiles use. */
  libusb?: boolean;
  json?: boolean;
}

/**
 * `wanfeng readers`: the HID devices and serial ports on this machine and the profiles that fit
 * each, with the `--reader` argument to start an agent with. A list that cannot be read (no
 * permission, no udevadm) is reported and the other list still printed.
 */
export async function runReadersCommand(
  options: ReadersCommandOptions = {},
  sources: ReadersSources = realSources,
): Promise<void> {
  const driverType: HidDriverType = options.libusb ? "libusb" : "hidraw";
  const profiles = await sources.loadProfiles();
  const [hid, serial] = await Promise.all([
    settle(sources.listHid(driverType)),
    settle(sources.listSerial()),
  ]);
  const hidMatches = "value" in hid ? matchHidDevices(hid.value, profiles) : hid;
  const serialMatches = "value" in serial ? matchSerialPorts(serial.value, profiles) : serial;

  if (options.json) {
    sources.print(JSON.stringify({ hid: hidMatches, serial: serialMatches }, null, 2));
    return;
  }
  const { print } = sources;
  print(`HID devices (node-hid, ${driverType}):`);
  if ("error" in hidMatches) print(`  cannot list HID devices: ${hidMatches.error}`);
  else if (hidMatches.length === 0) print("  no HID devices");
  else for (const m of hidMatches) printDevice(print, describeHid(m.device), m);

  print("Serial ports:");
  if ("error" in serialMatches) print(`  cannot list serial ports: ${serialMatches.error}`);
  else if (serialMatches.length === 0) print("  no serial ports");
  else for (const m of serialMatches) printDevice(print, describeSerial(m.device), m);

  print("");
  print("A reader without a matching profile may still fit one: see docs/readers.md.");
}

function printDevice<D>(print: (line: string) => void, title: string, matches: DeviceMatches<D>): void {
  print(`  ${title}`);
  if (matches.suggestions.length === 0) {
    print("      no matching profile");
    return;
  }
  for (const s of matches.suggestions)
    print(`      profile ${s.profile}  →  --reader ${s.profile}:${s.path}`);
}

function describeHid(d: HidDeviceSeen): string {
  const name = [d.manufacturer, d.product].filter(Boolean).join(" ") || "(no name)";
  const extra = [
    d.usagePage === undefined ? "" : `usagePage 0x${d.usagePage.toString(16).padStart(4, "0")}`,
    d.interface === undefined ? "" : `interface ${d.interface}`,
  ].filter(Boolean);
  return `${formatUsbIds(d.vendorId, d.productId)}  ${name}  ${d.path ?? "(no path)"}  ${extra.join("  ")}`.trimEnd();
}

function describeSerial(p: SerialPortSeen): string {
  const ids = p.vendorId === undefined ? "" : `  ${formatUsbIds(p.vendorId, p.productId)}`;
  return `${p.path}${ids}${p.manufacturer ? `  ${p.manufacturer}` : ""}`;
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: string }> {
  try {
    return { value: await promise };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
