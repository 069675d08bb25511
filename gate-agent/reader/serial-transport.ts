import type { Duplex } from "node:stream";
import { SerialPort } from "serialport";
import type { SerialTransportConfig } from "../../common/profiles/schema";
import { WanfengError } from "../../protocol/errors";
import type { OpenTransport, ReaderTransport, TransportHandlers } from "./transport";

type SerialPortLike = Duplex & {
  readonly isOpen: boolean;
  drain(callback: (err: Error | null) => void): void;
  open(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
};

/** `SerialPort` in production; tests pass `SerialPortMock` (from serialport, backed by binding-mock). */
export type SerialPortClass = new (
  options: Omit<SerialTransportConfig, "kind"> & { path: string; autoOpen: boolean },
) => SerialPortLike;

export function serialTransport(PortClass: SerialPortClass = SerialPort): OpenTransport {
  return ({ path, settings }, handlers) =>
    new Promise<ReaderTransport>((resolve, reject) => {
      if (settings.kind !== "serial") {
        reject(
          new WanfengError("READER_OPEN_FAILED", `${path}: serial transport cannot open "${settings.kind}"`),
        );
        return;
      }
      const { kind: _kind, ...serial } = settings;
      const port = new PortClass({ ...serial, path, autoOpen: false });
      port.open((err) => {
        if (err) {
          reject(new WanfengError("READER_OPEN_FAILED", `${path}: ${err.message}`, { path }));
          return;
        }
        resolve(wire(port, handlers));
      });
    });
}

function wire(port: SerialPortLike, handlers: TransportHandlers): ReaderTransport {
  let done = false;
  const finish = (error?: Error) => {
    if (done) return;
    done = true;
    handlers.onClose(error);
  };
  port.on("data", (chunk: Buffer) => handlers.onData(chunk));
  // serialport turns a read error (unplugged USB, hung-up pty) into a close carrying the error.
  port.on("close", (error?: Error | null) => finish(error ?? new Error("port closed")));
  port.on("error", (error: Error) => {
    finish(error);
    if (port.isOpen) port.close();
  });
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (done || !port.isOpen) {
          reject(new WanfengError("READER_OPEN_FAILED", "port is not open"));
          return;
        }
        port.write(bytes, (err) => {
          if (err) reject(err);
          else port.drain(() => resolve());
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        done = true;
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      }),
  };
}
