import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import { connected, disconnectAll, inParallel } from "./clients";
import { type LoopDelay, type PaceResult, pace, withLoopDelay } from "./pacer";
import type { BenchChild } from "./roster";
import { DeliveryTracker, type ScreenLayout } from "./tracker";

/**
 * The floor: a bare socket.io relay on the same machine, no auth, no storage, no domain. The same
 * screens in the same rooms; the sender emits a message as big as a tap report, the server sends
 * one message as big as a child:updated view to the group's room and the gate room and acks.
 */

interface RelayTap {
  id: string;
  childId: string;
  groupId: string;
  pad: string;
}

interface RelayView {
  childId: string;
  groupId: string;
  status: "pickup_requested";
  pad: string;
}

interface RelayClientToServer {
  tap: (tap: RelayTap, ack: (answer: { data: { tapId: string } }) => void) => void;
}

interface RelayServerToClient {
  "child:updated": (view: RelayView) => void;
}

type RelaySocket = Socket<RelayServerToClient, RelayClientToServer>;

export interface RelayPlan {
  layout: ScreenLayout;
  tapChildren: readonly BenchChild[];
  rate: number;
  drainMs: number;
  tapBytes: number;
  viewBytes: number;
}

export interface RelayRun {
  tracker: DeliveryTracker;
  pace: PaceResult;
  /** Event-loop delay while the taps ran. */
  loopDelay: LoopDelay;
}

const CONNECT_PARALLEL = 50;
const GATE_ROOM = "gate";

/** Pads `base` with ASCII so its JSON is `bytes` long (or as it is, if already longer). */
function padded<T extends { pad: string }>(base: T, bytes: number): T {
  const missing = bytes - Buffer.byteLength(JSON.stringify(base));
  return { ...base, pad: "x".repeat(Math.max(0, missing)) };
}

export async function runRelay(plan: RelayPlan): Promise<RelayRun> {
  const http = createServer();
  const server = new Server<RelayClientToServer, RelayServerToClient>(http, { serveClient: false });
  const viewPad = padded(
    { childId: "", groupId: "", status: "pickup_requested" as const, pad: "" },
    plan.viewBytes,
  ).pad;

  server.on("connection", (socket) => {
    const room: unknown = socket.handshake.auth?.room;
    if (typeof room === "string") void socket.join(room);
    socket.on("tap", (tap, ack) => {
      const view: RelayView = {
        childId: tap.childId,
        groupId: tap.groupId,
        status: "pickup_requested",
        pad: viewPad,
      };
      server.to([`group:${tap.groupId}`, GATE_ROOM]).emit("child:updated", view);
      ack({ data: { tapId: tap.id } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(0, "127.0.0.1", () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const client = (room?: string): RelaySocket =>
    io(baseUrl, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      ...(room === undefined ? {} : { auth: { room } }),
    });

  const sockets: RelaySocket[] = [];
  try {
    const tracker = new DeliveryTracker("relay", plan.layout);
    await inParallel(plan.layout.kioskGroups, CONNECT_PARALLEL, async (groupId) => {
      const socket = client(`group:${groupId}`);
      sockets.push(socket);
      socket.on("child:updated", (view) => tracker.kioskHeard(view.childId, performance.now()));
      await connected(socket);
    });
    await inParallel(
      Array.from({ length: plan.layout.guardCount }, (_, i) => i),
      CONNECT_PARALLEL,
      async () => {
        const socket = client(GATE_ROOM);
        sockets.push(socket);
        socket.on("child:updated", (view) => tracker.guardHeard(view.childId, performance.now()));
        await connected(socket);
      },
    );
    const sender = client();
    sockets.push(sender);
    await connected(sender);

    const [paced, loopDelay] = await withLoopDelay(async () => {
      const run = await pace(plan.tapChildren.length, plan.rate, (i) => {
        const child = plan.tapChildren[i];
        if (!child) return;
        const tap = padded(
          { id: randomUUID(), childId: child.childId, groupId: child.groupId, pad: "" },
          plan.tapBytes,
        );
        const emitAt = performance.now();
        tracker.start(child.childId, child.groupId, emitAt);
        sender.emit("tap", tap, () => tracker.acked(child.childId, performance.now()));
      });
      await tracker.drain(plan.drainMs);
      return run;
    });
    return { tracker, pace: paced, loopDelay };
  } finally {
    disconnectAll(sockets);
    await server.close();
  }
}
