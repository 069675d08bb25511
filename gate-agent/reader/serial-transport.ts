import { type Stats, stat, statSync } from "node:fs";
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
        resolve(wire(port, handlers, path));
      });
    });
}

/** How often an open port's device file is looked at (see watchDevice). */
const DEVICE_CHECK_MS = 1_000;

function wire(port: SerialPortLike, handlers: TransportHandlers, path: string): ReaderTransport {
  let done = false;
  const stopWatching = watchDevice(path, (why) => {
    finish(new Error(why));
    if (port.isOpen) port.close();
  });
  const finish = (error?: Error) => {
    if (done) return;
    done = true;
    stopWatching();
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
        stopWatching();
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      }),
  };
}

/**
 * A hung-up tty (USB adapter pulled, pty master gone) is not always reported: once the kernel has
 * hung the line up, reads return 0 bytes forever and serialport keeps reading instead of closing.
 * So the device file is watched: gone, or another device under the same name (replugged as a new
 * tty), counts as closed. Paths that are not files (Windows "COM3") are not watched.
 */
function watchDevice(path: string, onGone: (why: string) => void): () => void {
  let opened: Stats;
  try {
    opened = statSync(path);
  } catch {
    return () => {};
  }
  const timer = setInterval(() => {
    stat(path, (err, now) => {
      if (err) onGone(`${path}: device removed`);
      else if (now.rdev !== opened.rdev || now.ino !== opened.ino)
        onGone(`${path}: replaced by another device`);
    });
  }, DEVICE_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
