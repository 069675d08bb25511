import { type Device, devicesAsync, HIDAsync, setDriverType } from "node-hid";
import type { HidTransportConfig } from "../../common/profiles/schema";
import { WanfengError } from "../../protocol/errors";
import { formatUsbIds, hidDeviceFits } from "../discovery";
import type { OpenTransport, ReaderTransport, TransportHandlers } from "./transport";

/**
 * USB HID readers through node-hid. On Linux node-hid has two backends:
 * - `hidraw` reads /dev/hidrawN. The kernel's keyboard driver keeps the device too, so a
 *   keyboard-wedge reader still types every scan into whatever window has the focus.
 * - `libusb` talks to the USB device itself and detaches the kernel driver while it is open
 *   (reattached on close): the agent has the reader alone and nothing is typed anywhere. Needs a
 *   `SUBSYSTEM=="usb"` udev rule instead of a hidraw one (docs/readers.md).
 */
export type HidDriverType = HidTransportConfig["driverType"];

/** The reader path that means "the first device with the profile's ids". */
export const AUTO_PATH = "auto";

export type HidDeviceInfo = Device;

/** An open device as the transport uses it: node-hid's HIDAsync in production, a fake in tests. */
export interface HidDeviceHandle {
  on(event: "data", listener: (report: Buffer) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  /** One output report, report id first (0 when the device has none), as node-hid expects. */
  write(report: Buffer): Promise<number>;
  close(): Promise<void>;
}

/** The two node-hid calls the gate agent makes, injected so tests run without a device. */
export interface HidBackend {
  devices(driverType: HidDriverType): Promise<HidDeviceInfo[]>;
  open(path: string, driverType: HidDriverType): Promise<HidDeviceHandle>;
}

/**
 * node-hid loads its native backend once, on first use, for the whole process; a later
 * setDriverType is silently ignored. So one process reads all its HID readers with one driver
 * type, and asking for the other is an error rather than a surprise.
 */
let loadedDriverType: HidDriverType | undefined;

function useDriverType(driverType: HidDriverType): void {
  if (loadedDriverType === undefined) {
    setDriverType(driverType);
    loadedDriverType = driverType;
  } else if (loadedDriverType !== driverType) {
    throw new WanfengError(
      "READER_OPEN_FAILED",
      `node-hid is already using the ${loadedDriverType} driver in this process; ` +
        `all HID readers of one agent must use the same driverType (this one wants ${driverType})`,
    );
  }
}

export const nodeHidBackend: HidBackend = {
  async devices(driverType) {
    useDriverType(driverType);
    return devicesAsync();
  },
  async open(path, driverType) {
    useDriverType(driverType);
    return HIDAsync.open(path);
  },
};

export function hidTransport(backend: HidBackend = nodeHidBackend): OpenTransport {
  return async ({ path, settings }, handlers) => {
    if (settings.kind !== "hid") {
      throw new WanfengError("READER_OPEN_FAILED", `${path}: HID transport cannot open "${settings.kind}"`);
    }
    const devicePath = path === AUTO_PATH ? await findDevicePath(backend, settings) : path;
    let device: HidDeviceHandle;
    try {
      device = await backend.open(devicePath, settings.driverType);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new WanfengError(
        "READER_OPEN_FAILED",
        `${devicePath}: ${why} (unplugged, or no udev rule giving access: see docs/readers.md)`,
        { path: devicePath, driverType: settings.driverType },
      );
    }
    return wire(device, handlers);
  };
}

/** The node-hid path of the first attached device that fits the profile's ids. */
async function findDevicePath(backend: HidBackend, settings: HidTransportConfig): Promise<string> {
  const ids = formatUsbIds(settings.vendorId, settings.productId);
  let devices: HidDeviceInfo[];
  try {
    devices = await backend.devices(settings.driverType);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new WanfengError("READER_OPEN_FAILED", `cannot list HID devices to find ${ids}: ${why}`);
  }
  const match = devices.find((d) => d.path !== undefined && hidDeviceFits(d, settings));
  if (match?.path === undefined) {
    throw new WanfengError("READER_OPEN_FAILED", `no HID device ${ids} attached (see \`wanfeng readers\`)`, {
      vendorId: settings.vendorId,
      productId: settings.productId,
    });
  }
  return match.path;
}

function wire(device: HidDeviceHandle, handlers: TransportHandlers): ReaderTransport {
  let done = false;
  // A read error is how an unplugged device shows up: report it once so the Reader reopens.
  device.on("error", (error: Error) => {
    if (done) return;
    done = true;
    handlers.onClose(error);
    device.close().catch(() => {});
  });
  // Adding the data listener starts node-hid's read loop, so it goes last.
  device.on("data", (report: Buffer) => {
    if (!done) handlers.onData(Buffer.isBuffer(report) ? report : Buffer.from(report));
  });
  return {
    async write(bytes) {
      if (done) throw new WanfengError("READER_OPEN_FAILED", "HID device is not open");
      await device.write(bytes);
    },
    async close() {
      if (done) return;
      done = true;
      await device.close().catch(() => {});
    },
  };
}
