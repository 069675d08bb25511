/** The gate agent: reader hardware → framing → decoding → debounce → tap reports to the server. */

export { DEFAULT_PROFILES_DIR, loadAllProfiles, loadProfile, parseProfile } from "../common/profiles/load";
export type { HardwareProfile } from "../common/profiles/schema";
export { type Agent, type AgentEvent, type AgentOptions, type AgentStats, startAgent } from "./agent";
export { decodeFrame } from "./decoding";
export {
  createTapSender,
  type SendOneTapOptions,
  SIMULATED_READER_ID,
  sendOneTap,
  type TapClient,
} from "./delivery/client";
export { DEFAULT_OUTBOX_LIMIT, DiskOutbox, type OutboxProblem } from "./delivery/disk-outbox";
export { MemoryTapQueue, type TapQueue } from "./delivery/queue";
export type { DeliveryEvent, DeliveryStats, TapSenderOptions } from "./delivery/sender";
export { toTapReport } from "./delivery/tap-report";
export {
  type DeviceMatches,
  type HidDeviceSeen,
  matchHidDevices,
  matchSerialPorts,
  type ProfileSuggestion,
  type SerialPortSeen,
} from "./discovery";
export { createDriver, type DriverContext, type Feedback, type ReaderDriver } from "./drivers";
export { createFramer } from "./framing";
export { OfflineAnswers } from "./offline/offline-answers";
export {
  AUTO_PATH,
  type HidBackend,
  type HidDeviceHandle,
  type HidDeviceInfo,
  hidTransport,
  nodeHidBackend,
} from "./reader/hid-transport";
export { openAnyTransport, type TransportOpeners } from "./reader/open-any-transport";
export type { ReaderReading } from "./reader/pipeline";
export { ReaderPipeline } from "./reader/pipeline";
export type { ReaderEvent, ReaderStats } from "./reader/reader";
export { serialTransport } from "./reader/serial-transport";
export type { OpenTransport, ReaderTransport, TransportHandlers } from "./reader/transport";
export { parseReaderSpec, type ReaderSpec, readerIdOf } from "./reader-spec";
export { type AgentTiming, DEFAULT_TIMING } from "./timing";
