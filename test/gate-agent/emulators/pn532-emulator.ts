import { SerialPort } from "serialport";
import type { EventLog } from "../helpers/events";
import { type ChipEvent, type ChipOptions, Pn532Chip } from "./pn532-chip";

/**
 * A PN532 on the far end of a socat pty, opened with the real serialport binding: the agent under
 * test talks to it exactly as to a module behind a USB-UART adapter.
 */
export interface Pn532Emulator {
  events: EventLog<ChipEvent>;
  present(uid: Buffer): void;
  remove(): void;
  injectBadChecksum(): void;
  close(): Promise<void>;
}

export async function startPn532Emulator(path: string, options: ChipOptions = {}): Promise<Pn532Emulator> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const chip = new Pn532Chip((bytes) => {
    if (port.isOpen) port.write(bytes);
  }, options);
  port.on("data", (chunk: Buffer) => chip.onHostBytes(chunk));
  // The pty vanishing under an open port is what the unplug test does on purpose.
  port.on("error", () => {});
  return {
    events: chip.events,
    present: (uid) => chip.present(uid),
    remove: () => chip.remove(),
    injectBadChecksum: () => chip.injectBadChecksum(),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      }),
  };
}
