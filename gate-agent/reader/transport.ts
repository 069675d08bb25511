import type { TransportConfig } from "../../common/profiles/schema";

/**
 * How bytes get from a device to the pipeline. Serial ports today; node-hid and test doubles
 * implement the same two calls, so the reader never knows which one it has.
 */
export interface TransportHandlers {
  onData(chunk: Buffer): void;
  /** The device went away or failed. Called at most once, never after our own close(). */
  onClose(error?: Error): void;
}

export interface ReaderTransport {
  /** Sends bytes to the device (commands of active readers); resolves once they are written out. */
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export interface OpenRequest {
  path: string;
  settings: TransportConfig;
}

/** Resolves once the device is open; rejects with WanfengError("READER_OPEN_FAILED"). */
export type OpenTransport = (request: OpenRequest, handlers: TransportHandlers) => Promise<ReaderTransport>;
