import { Socket } from "socket.io";
import { createLogger } from "../../common/log";
import type { DeviceRegistry } from "../devices/device-registry";
import type { EnrolmentPeers, EnrolmentService, SharedEnrolment } from "../enrolment/enrolment-service";
import type { DeviceNamespace } from "./namespaces";

const log = createLogger("technician-peers");

/** How long a node waits for the others' sockets before it shows what it knew. */
export const PEER_ANSWER_MS = 3_000;
/** While a technician watches, how often the devices on other nodes are asked for again. */
const REFRESH_MS = 15_000;
/**
 * After a question some node left unanswered (it is gone, and the adapter's heartbeat has not
 * noticed yet: 10 s), how soon to ask again: until it drops out of the cluster and its agents
 * show offline.
 */
const RETRY_MS = 2_000;
/** A node just started knows the others only from their first heartbeat answer: this long at most. */
const FIRST_HEARTBEAT_MS = 1_000;

/**
 * The technician's state shared by the server nodes of one school (docs/decisions.md, "Shared
 * across nodes: password limits and the technician's tools"). Messages go through socket.io's
 * serverSideEmit on the PostgreSQL adapter the screens already use: what a node heard from an
 * agent (connect, disconnect, reader report) and the enrolments waiting for a tap. Which devices
 * are connected elsewhere is asked of the nodes themselves (fetchSockets): the adapter's
 * heartbeat leaves a dead node out, so its agents do not stay online on other nodes' screens.
 */
export class TechnicianPeers implements EnrolmentPeers {
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly devices: DeviceNamespace,
    private readonly registry: DeviceRegistry,
    private readonly enrolment: EnrolmentService,
    watching: () => boolean,
  ) {
    devices.on("presence:heard", (record) => {
      registry.heard(record);
      void this.refresh();
    });
    devices.on("enrolment:started", (shared) => enrolment.heldElsewhere(shared));
    devices.on("enrolment:ended", (deviceId, socketId) => enrolment.endedElsewhere(deviceId, socketId));
    devices.on("enrolment:ask", (deviceId, answer) => answer(enrolment.startedHere(deviceId)));
    this.timer = setInterval(() => {
      if (watching()) void this.refresh();
    }, REFRESH_MS);
    this.timer.unref();
  }

  /** This node heard from a device (`report`: its readers): the other nodes hear it too. */
  heardHere(deviceId: string, report: boolean): void {
    this.devices.serverSideEmit("presence:heard", this.registry.record(deviceId, report));
  }

  /**
   * A device's agent connected here: an enrolment started on another node before this node was
   * (re)started is asked for, so the agent's next tap binds the card here too.
   */
  async askEnrolment(deviceId: string): Promise<void> {
    if ((await this.devices.adapter.serverCount()) < 2)
      await new Promise((resolve) => setTimeout(resolve, FIRST_HEARTBEAT_MS).unref());
    let answers: (SharedEnrolment | null)[];
    try {
      answers = await this.devices.serverSideEmitWithAck("enrolment:ask", deviceId);
    } catch (err) {
      // Some node did not answer in time: those that did still count.
      answers = (err as { responses?: (SharedEnrolment | null)[] }).responses ?? [];
    }
    for (const held of answers) if (held) this.enrolment.heldElsewhere(held);
  }

  started(enrolment: SharedEnrolment): void {
    this.devices.serverSideEmit("enrolment:started", enrolment);
  }

  ended(deviceId: string, socketId: string): void {
    this.devices.serverSideEmit("enrolment:ended", deviceId, socketId);
  }

  /**
   * Asks every node which devices have a socket there. Calls during a question wait for one more
   * asked after it, so a burst of news costs two questions and every caller gets a fresh answer.
   */
  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.ask().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    this.queued ??= this.inFlight.then(() => {
      this.queued = undefined;
      return this.refresh();
    });
    return this.queued;
  }

  close(): void {
    clearInterval(this.timer);
    clearTimeout(this.retry);
  }

  private async ask(): Promise<void> {
    try {
      const sockets = await this.devices.timeout(PEER_ANSWER_MS).fetchSockets();
      // This node's own sockets come back as themselves; the registry counts those already.
      const elsewhere = sockets.filter((s) => !(s instanceof Socket)).map((s) => s.data.deviceId);
      this.registry.elsewhere(new Set(elsewhere));
    } catch (err) {
      log.warn(
        { err: { message: (err as Error).message } },
        "the other nodes did not say which devices they hold",
      );
      clearTimeout(this.retry);
      this.retry = setTimeout(() => void this.refresh(), RETRY_MS);
      this.retry.unref();
    }
  }
}
