import { randomUUID } from "node:crypto";
import { Server as EngineServer } from "engine.io";
import express from "express";
import { Server, type ServerOptions as SocketServerOptions } from "socket.io";
import { createLogger } from "../common/log";
import { AdminService } from "./admin/admin-service";
import { CustodyService } from "./admin/custody-service";
import { ArchiveService } from "./archive/archive-service";
import type { PasswordLimits } from "./auth/password-limits";
import { DayService } from "./day/day-service";
import { GATE_CLOCK_MS, startGateClock } from "./day/gate-clock";
import type { EventJournal } from "./domain/events";
import { adminIoRoutes } from "./http/admin-io-routes";
import { adminRoutes } from "./http/admin-routes";
import { barredPhotoRoutes } from "./http/barred-photo-routes";
import { custodyRoutes } from "./http/custody-routes";
import { errorHandler, sendError } from "./http/errors";
import { groupRoutes } from "./http/group-routes";
import { healthRoutes } from "./http/health-routes";
import { photoRoutes } from "./http/photo-routes";
import type { ListenSecurity } from "./http/plain-http";
import { privacyRoutes } from "./http/privacy-routes";
import { reportRoutes } from "./http/report-routes";
import { rosterRoutes } from "./http/roster-routes";
import { allowOwnOrigin } from "./http/same-origin";
import { sessionRoutes } from "./http/session-routes";
import { staffRoutes } from "./http/staff-routes";
import type { Storage } from "./ports/storage";
import type { PurgeDeps } from "./privacy/purge";
import { startRetention } from "./privacy/server-retention";
import { attachDeviceNamespace } from "./realtime/device-namespace";
import { attachScreenNamespace } from "./realtime/screen-namespace";
import { letGoOfSentPackets } from "./realtime/sent-packets";
import { createTechnicianHub } from "./realtime/technician-setup";
import { ReportService } from "./reports/report-service";
import { RoomService } from "./room/room-service";
import { AttendanceService } from "./staff/attendance-service";
import { photoFolder } from "./store/photo-folder";

const log = createLogger("server");
/** How soon a screen whose session expired or was removed loses its socket (commands: at once). */
const SESSION_SWEEP_MS = 30_000;
/** socket.io's default path: the kiosk and the agents connect there. */
export const SOCKET_PATH = "/socket.io/";

export interface SchoolRuntimeOptions {
  /** The storage backend, e.g. the file store from server/store/lowdb-store.ts. */
  store: Storage;
  journal: EventJournal;
  clock?: () => Date;
  /** Children's and guardians' photos; without it no photo is served. */
  photosDir?: string;
  /** How often the gate clock checks for released-not-collected alarms and late children. */
  gateClockMs?: number;
  /**
   * socket.io's adapter when several nodes serve one school (e.g. @socket.io/postgres-adapter):
   * what one node emits to a room reaches that room's sockets on every node. Default: this process only.
   */
  socketAdapter?: SocketServerOptions["adapter"];
  /** What the nightly purge works on (`filePurgeDeps` for a data folder); without it none runs. */
  purge?: PurgeDeps;
}

/** How the school is reached: the same for every school a process serves. */
export interface RuntimeContext {
  listen: ListenSecurity;
  /** Made once per process: a guess counts against every school's logins (and every node's). */
  limits: PasswordLimits;
}

/**
 * One school as a process serves it: its day, its API and its own socket.io server. The front
 * (server/front/) owns the port and hands each request and socket to its school, so two schools
 * in one process share no room, no namespace and no route state.
 */
export interface SchoolRuntime {
  store: Storage;
  day: DayService;
  /** The school's API routes (the front parses JSON and serves the kiosk). */
  app: express.Express;
  /** The school's engine.io server: the front passes it the school's socket requests and upgrades. */
  engine: EngineServer;
  close(): Promise<void>;
}

export async function openSchoolRuntime(
  options: SchoolRuntimeOptions,
  context: RuntimeContext,
): Promise<SchoolRuntime> {
  const clock = options.clock ?? (() => new Date());
  const { store, journal } = options;
  // The day service follows the store's changes, also those of `wanfeng device add`, `user add`
  // and `import` run beside the server.
  const day = await DayService.open({ store, journal, clock, newId: randomUUID });

  const app = express();
  app.disable("x-powered-by");
  // Only behind a proxy the operator named: otherwise any client could choose its own address.
  app.set("trust proxy", context.listen.trustProxy ? 1 : false);
  // The screens' sockets exist only once socket.io does; logout reaches them through this.
  let endSessionSockets: (tokenHash: string) => void = () => {};
  app.use(sessionRoutes(store, clock, (hash) => endSessionSockets(hash), context.limits.login));
  app.use(groupRoutes(store, day, clock));
  app.use(rosterRoutes(store, clock));
  // The care archive (rule 12): reports, the day's sign-off and amendments of a closed day.
  const archive = new ArchiveService({ store, day, journal, clock, newId: randomUUID });
  app.use(reportRoutes(store, clock, new ReportService({ store, journal, clock }), archive));
  const admin = new AdminService({ store, clock, newId: randomUUID });
  const attendance = new AttendanceService({ store, day, journal, clock, newId: randomUUID });
  app.use(adminIoRoutes(store, attendance, clock));
  app.use(adminRoutes(store, day, admin, clock, journal, context.listen));
  const photos = options.photosDir ? photoFolder(options.photosDir) : undefined;
  const custody = new CustodyService({
    store,
    journal: day,
    clock,
    newId: randomUUID,
    ...(photos ? { photos } : {}),
  });
  app.use(custodyRoutes(store, custody, clock));
  const rooms = new RoomService({
    store,
    day,
    clock,
    newId: randomUUID,
    handoverLimit: context.limits.handover,
  });
  app.use(healthRoutes(store, rooms, clock));
  app.use(staffRoutes(store, attendance, clock));
  app.use(photoRoutes(store, clock, photos));
  app.use(barredPhotoRoutes(store, custody, clock, photos));
  app.use(privacyRoutes(store, clock, journal, photos));
  const retention = startRetention(options, clock);
  app.use(retention.routes);
  app.use("/api", (_req, res) => sendError(res, "NOT_FOUND", "no such API route"));
  app.use(errorHandler);

  // Bound to an engine of its own rather than to the HTTP server: the front decides which
  // school's engine a socket request belongs to.
  const engine = new EngineServer({
    maxHttpBufferSize: 64 * 1024,
    allowRequest: allowOwnOrigin(context.listen.trustProxy),
  });
  letGoOfSentPackets(engine);
  const io = new Server({
    serveClient: false,
    ...(options.socketAdapter ? { adapter: options.socketAdapter } : {}),
  });
  io.bind(engine);
  const technician = createTechnicianHub(store, day, clock, options.socketAdapter !== undefined);
  const devices = attachDeviceNamespace(io, store, day);
  const { screens, streams, sessions } = attachScreenNamespace(io, { store, day, rooms, technician, clock });
  endSessionSockets = (hash) => sessions.end(hash);
  const sessionSweep = setInterval(() => sessions.sweep(), SESSION_SWEEP_MS);
  sessionSweep.unref();
  technician.attach(devices, screens, streams);

  // Screens learn about the new school day even when nothing happens at midnight.
  const rollover = setInterval(
    () => void day.ensureToday().catch((err) => log.error({ err }, "rollover")),
    60_000,
  );
  rollover.unref();
  const stopGateClock = startGateClock(day, options.gateClockMs ?? GATE_CLOCK_MS);

  return {
    store,
    day,
    app,
    engine,
    async close() {
      retention.stop();
      clearInterval(rollover);
      clearInterval(sessionSweep);
      stopGateClock();
      technician.close();
      day.close();
      await io.close();
      await journal.close();
    },
  };
}
