import { SerialPort } from "serialport";
import { OsdpPd, type PdOptions } from "./osdp-pd";

/**
 * An OSDP reader on the far end of a socat pty, through the real serialport binding: the agent
 * opens the other end as it would a USB RS-485 adapter. The test drives it with the OsdpPd API
 * (swipe, typeKeys, faults) and reads what it received (commands, leds, buzzes).
 */
export interface OsdpPdEmulator {
  pd: OsdpPd;
  close(): Promise<void>;
}

export async function startOsdpPdEmulator(path: string, options: PdOptions = {}): Promise<OsdpPdEmulator> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const pd = new OsdpPd((bytes) => {
    if (port.isOpen) port.write(bytes);
  }, options);
  port.on("data", (chunk: Buffer) => pd.onCpBytes(chunk));
  // A pty whose other end closes reports an error; the test is over by then.
  port.on("error", () => {});
  return {
    pd,
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
