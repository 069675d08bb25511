import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import type { TapReport } from "../../../protocol/devices";
import type { Ack } from "../../../protocol/errors";
import {
  DEVICE_NAMESPACE,
  type DeviceToServerEvents,
  type ServerToDeviceEvents,
} from "../../../protocol/events";
import type { TapOutcome } from "../../../protocol/model";
import { EventLog } from "./events";

/** What the test server says to a report; undefined = say nothing (no acknowledgement). */
export type Answer = (report: TapReport, seenBefore: boolean) => Ack<TapOutcome> | undefined;

export const acceptAll: Answer = (report, seenBefore) => ({
  data: {
    tapId: report.id,
    duplicate: seenBefore,
    result: { kind: "unknown_card", cardId: cardIdOf(report) },
  },
});

export interface DeviceServer {
  url: string;
  port: number;
  reports: EventLog<TapReport>;
  setAnswer(answer: Answer): void;
  close(): Promise<void>;
}

/** A minimal stand-in for the real server's /device namespace: token check, config, acks. */
export async function startDeviceServer(options: {
  token: string;
  port?: number;
  answer?: Answer;
}): Promise<DeviceServer> {
  let answer = options.answer ?? acceptAll;
  const reports = new EventLog<TapReport>();
  const applied = new Set<string>();
  const http = createServer();
  const io = new Server<DeviceToServerEvents, ServerToDeviceEvents>(http);
  const devices = io.of(DEVICE_NAMESPACE);
  devices.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === "object" && auth !== null && "token" in auth ? auth.token : undefined;
    if (token === options.token) return next();
    next(Object.assign(new Error("AUTH_BAD_TOKEN"), { data: { code: "AUTH_BAD_TOKEN" } }));
  });
  devices.on("connection", (socket) => {
    socket.emit("device:config", { deviceId: "dev-1", name: "North gate", kind: "gate" });
    socket.on("tap:report", (report, ack) => {
      reports.push(report);
      const reply = answer(report, applied.has(report.id));
      if (reply === undefined) return;
      if ("data" in reply) applied.add(report.id);
      ack(reply);
    });
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    reports,
    setAnswer: (next) => {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

/** A port nobody listens on (yet): bind to 0, read the number, let it go. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function cardIdOf(report: TapReport): string {
  return report.reading.kind === "card" ? report.reading.cardId : "";
}
