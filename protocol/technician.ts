import { z } from "zod";
import { type DeviceKindSchema, ReadingSchema } from "./devices";

/**
 * What the technician's tools put on the wire: reader status and raw frames from the agents,
 * reader configuration, the live console and card enrolment. Everything an agent or a screen
 * sends is parsed with these schemas before the server looks at it.
 */

const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });
const hex = z
  .string()
  .regex(/^[0-9a-f]*$/i)
  .max(4096);

/** At most this many readers per device, from the screen; the agent's own list is capped higher. */
export const MAX_CONFIGURED_READERS = 8;
const MAX_REPORTED_READERS = 32;

/** One reader as a device's configuration names it (like `--reader profile:path`). */
export const ReaderConfigSchema = z.object({
  readerId: id,
  profile: z.string().trim().min(1).max(128),
  path: z.string().trim().min(1).max(256),
});
export type ReaderConfig = z.infer<typeof ReaderConfigSchema>;

/** How one reader is doing, as its agent reports it. */
export const ReaderStatusSchema = z.object({
  readerId: id,
  profile: z.string().min(1).max(128),
  path: z.string().min(1).max(256),
  open: z.boolean(),
  lastReadingAt: isoTime.optional(),
  lastCardId: z.string().min(1).max(64).optional(),
  framesOk: z.number().int().min(0),
  readings: z.number().int().min(0),
  junkBytes: z.number().int().min(0),
  /** Skipped frames by reason (`framing:truncated`, `decoding:bad_checksum`, …). */
  badFrames: z.record(z.string().max(64), z.number().int().min(0)),
  /** Why the port cannot be opened right now (unplugged, permission), when it is closed. */
  problem: z.string().max(300).optional(),
});
export type ReaderStatus = z.infer<typeof ReaderStatusSchema>;

/** An agent clock further off the server's than this is an alarm on the technician screen. */
export const CLOCK_OFFSET_ALARM_MS = 2_000;

/** The gate agent's own state: its outbox on disk, its clock, its offline cache. */
export const AgentHealthSchema = z.object({
  /** Taps on disk not yet acknowledged, and how many the outbox holds at most. */
  outboxDepth: z.number().int().min(0),
  outboxLimit: z.number().int().min(1),
  /** When the oldest undelivered tap was read. */
  oldestUndeliveredAt: isoTime.optional(),
  outboxProblem: z.enum(["near_full", "full", "disk_error"]).optional(),
  /** Server clock minus the agent's (ms), as the agent last measured it. */
  clockOffsetMs: z.number().int().optional(),
  /** When the server issued the agent's offline decision cache, and how long the agent uses it. */
  cacheIssuedAt: isoTime.optional(),
  cacheMaxAgeMs: z.number().int().min(0).optional(),
  /** The agent answers taps from its cache (the server is unreachable). */
  offline: z.boolean(),
});
export type AgentHealth = z.infer<typeof AgentHealthSchema>;

export const AGENT_ALARMS = ["clock_offset", "outbox_near_full", "outbox_error"] as const;
export type AgentAlarm = (typeof AGENT_ALARMS)[number];

/** What on an agent's health needs the technician. */
export function agentAlarms(health: AgentHealth): AgentAlarm[] {
  const alarms: AgentAlarm[] = [];
  if (health.clockOffsetMs !== undefined && Math.abs(health.clockOffsetMs) > CLOCK_OFFSET_ALARM_MS)
    alarms.push("clock_offset");
  if (health.outboxProblem === "full" || health.outboxProblem === "disk_error") alarms.push("outbox_error");
  else if (health.outboxProblem === "near_full" || health.outboxDepth >= health.outboxLimit * 0.8)
    alarms.push("outbox_near_full");
  return alarms;
}

export const ReaderStatusReportSchema = z.object({
  readers: z.array(ReaderStatusSchema).max(MAX_REPORTED_READERS),
  /** Agents before the outbox on disk leave it out. */
  agent: AgentHealthSchema.optional(),
});
export type ReaderStatusReport = z.infer<typeof ReaderStatusReportSchema>;

/** One frame off the wire, decoded or not: what the console shows. Sent only while watched. */
export const ReaderFrameSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("reading"), readerId: id, at: isoTime, rawHex: hex, reading: ReadingSchema }),
  z.object({
    kind: z.literal("bad"),
    readerId: id,
    at: isoTime,
    rawHex: hex,
    reason: z.string().min(1).max(64),
    why: z.string().max(300).optional(),
  }),
]);
export type ReaderFrame = z.infer<typeof ReaderFrameSchema>;

/** Server → agent: stream frames of these readers (an empty list stops the stream). */
export interface ConsoleWatch {
  readerIds: string[];
}

/** Server → technician: a frame from the reader this console watches. */
export type ConsoleFrame = ReaderFrame & { deviceId: string };

export interface HardwareProfileSummary {
  id: string;
  name: string;
}

/** One device as the technician sees it. */
export interface DeviceStatusView {
  deviceId: string;
  name: string;
  kind: z.infer<typeof DeviceKindSchema>;
  groupId?: string;
  groupName?: string;
  online: boolean;
  /** Last time the agent connected, reported or was seen disconnecting. */
  lastSeenAt?: string;
  /** What the agent reports (its command-line readers, or the configured ones once open). */
  readers: ReaderStatus[];
  /** What the technician configured for this device on the server. */
  configuredReaders: ReaderConfig[];
  /** The agent's outbox, clock and cache, once it reported them; with what needs attention. */
  agent?: AgentHealth & { alarms: AgentAlarm[] };
}

export interface TechnicianSnapshot {
  devices: DeviceStatusView[];
  profiles: HardwareProfileSummary[];
}

export const ConsoleOpenSchema = z.object({ deviceId: id, readerId: id });
export type ConsoleOpen = z.infer<typeof ConsoleOpenSchema>;

export const ConfigureReadersSchema = z.object({
  deviceId: id,
  readers: z
    .array(
      z.object({
        /** Defaults to the port's name (ttyUSB0), as on the agent's command line. */
        readerId: id.optional(),
        profile: z.string().trim().min(1).max(128),
        path: z.string().trim().min(1).max(256),
      }),
    )
    .max(MAX_CONFIGURED_READERS),
});
export type ConfigureReaders = z.infer<typeof ConfigureReadersSchema>;

export const HolderRefSchema = z.object({ kind: z.enum(["child", "guardian"]), id });
export type HolderRef = z.infer<typeof HolderRefSchema>;

/** A person a card can be bound to, as the holder search returns it. */
export interface HolderMatch extends HolderRef {
  name: string;
  /** A child's class and care group, for the screen to word in its language. */
  grade?: number;
  className?: string;
  groupName?: string;
  /** For a guardian: the children and relations ("李四（爸爸）"). */
  detail: string;
  /** Cards already bound to this person. */
  cardIds: string[];
}

export const EnrolmentStartSchema = z.object({ deviceId: id, holder: HolderRefSchema });
export type EnrolmentStart = z.infer<typeof EnrolmentStartSchema>;

export const EnrolmentCancelSchema = z.object({ deviceId: id });

export interface EnrolmentStarted {
  deviceId: string;
  holder: HolderRef;
  holderName: string;
  expiresAt: string;
}

export const CardBindSchema = z.object({
  holder: HolderRefSchema,
  cardNumber: z.string().min(1).max(64),
});
export type CardBind = z.infer<typeof CardBindSchema>;

/**
 * How binding a card ended: bound now, it was this person's already, or refused because the card
 * belongs to someone else (the code and that person's name say so).
 */
export type BindOutcome = "bound" | "already_bound" | "refused";

export interface CardBound {
  cardId: string;
  holder: HolderRef;
  holderName: string;
  outcome: BindOutcome;
  /** For a refusal: who has the card now. */
  otherHolderName?: string;
}

/** Server → technician: the enrolment on this device ended (a card was tapped, or time ran out). */
export type EnrolmentDone =
  | ({ deviceId: string; kind: "tapped" } & CardBound)
  | { deviceId: string; kind: "expired"; holder: HolderRef; holderName: string };
