import type { HardwareProfile, HidTransportConfig } from "../common/profiles/schema";

/**
 * Which hardware profiles fit the devices plugged into this machine, for `wanfeng readers` and
 * the technician. Pure: the device lists come from node-hid and serialport, passed in.
 */

/** A HID device as node-hid lists it (`devices()`). */
export interface HidDeviceSeen {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
  usagePage?: number | undefined;
  interface?: number | undefined;
}

/** A serial port as serialport lists it (`SerialPort.list()`), USB ids already numbers. */
export interface SerialPortSeen {
  path: string;
  vendorId?: number | undefined;
  productId?: number | undefined;
  manufacturer?: string | undefined;
  /** Linux: the name under /dev/serial/by-id/, which stays the same across replugs. */
  pnpId?: string | undefined;
}

export interface ProfileSuggestion {
  profile: string;
  /** What to put after the colon of `--reader <profile>:<path>`. */
  path: string;
}

export interface DeviceMatches<D> {
  device: D;
  suggestions: ProfileSuggestion[];
}

/** Same ids, and the same usage page and interface when the profile names them. */
export function hidDeviceFits(
  device: Pick<HidDeviceSeen, "vendorId" | "productId" | "usagePage" | "interface">,
  settings: Pick<HidTransportConfig, "vendorId" | "productId" | "usagePage" | "interface">,
): boolean {
  return (
    device.vendorId === settings.vendorId &&
    device.productId === settings.productId &&
    (settings.usagePage === undefined || device.usagePage === settings.usagePage) &&
    (settings.interface === undefined || device.interface === settings.interface)
  );
}

function matchListFits(profile: HardwareProfile, vendorId?: number, productId?: number): boolean {
  return (profile.match ?? []).some((m) => m.vendorId === vendorId && m.productId === productId);
}

export function matchHidDevices(
  devices: readonly HidDeviceSeen[],
  profiles: readonly HardwareProfile[],
): DeviceMatches<HidDeviceSeen>[] {
  return devices.map((device) => ({
    device,
    suggestions: profiles
      .filter((p) =>
        p.transport.kind === "hid"
          ? hidDeviceFits(device, p.transport) || matchListFits(p, device.vendorId, device.productId)
          : false,
      )
      .map((p) => ({
        profile: p.id,
        // A libusb profile cannot open a hidraw path (node-hid's paths differ per backend), and
        // "auto" survives the device moving to another USB port.
        path:
          p.transport.kind === "hid" && p.transport.driverType === "libusb"
            ? "auto"
            : (device.path ?? "auto"),
      })),
  }));
}

export function matchSerialPorts(
  ports: readonly SerialPortSeen[],
  profiles: readonly HardwareProfile[],
): DeviceMatches<SerialPortSeen>[] {
  return ports.map((port) => ({
    device: port,
    suggestions: profiles
      .filter((p) => p.transport.kind === "serial" && matchListFits(p, port.vendorId, port.productId))
      .map((p) => ({ profile: p.id, path: stableSerialPath(port) })),
  }));
}

/** /dev/ttyUSB0 can become ttyUSB1 after a replug; the by-id name cannot. */
function stableSerialPath(port: SerialPortSeen): string {
  return port.pnpId && port.path.startsWith("/dev/") ? `/dev/serial/by-id/${port.pnpId}` : port.path;
}

/** serialport lists USB ids as hex text without "0x" ("1a86"); undefined when absent or odd. */
export function parseHexUsbId(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9a-fA-F]{1,4}$/.test(text)) return undefined;
  return Number.parseInt(text, 16);
}

/** "ffff:0035", as lsusb prints ids. */
export function formatUsbIds(vendorId: number | undefined, productId: number | undefined): string {
  const hex = (id: number | undefined) => (id === undefined ? "????" : id.toString(16).padStart(4, "0"));
  return `${hex(vendorId)}:${hex(productId)}`;
}
