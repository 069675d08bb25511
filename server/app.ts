import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import type { Server as HttpServer } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import express from "express";
import helmet from "helmet";
import { Server, type ServerOptions as SocketServerOptions } from "socket.io";
import { createLogger } from "../common/log";
import { AdminService } from "./admin/admin-service";
import { CustodyService } from "./admin/custody-service";
import { ArchiveService } from "./archive/archive-service";
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
import { type ListenSecurity, plainHttpOnNetwork } from "./http/plain-http";
import { privacyRoutes } from "./http/privacy-routes";
import { reportRoutes } from "./http/report-routes";
import { rosterRoutes } from "./http/roster-routes";
import { allowOwnOrigin, sameOriginWrites } from "./http/same-origin";
import { sessionRoutes } from "./http/session-routes";
import { staffRoutes } from "./http/staff-routes";
import { createListener, type TlsFiles } from "./http/tls-listener";
import type { Storage } from "./ports/storage";
import { type RetentionOptions, startRetention } from "./privacy/server-retention";
import { attachDeviceNamespace } from "./realtime/device-namespace";
import { attachScreenNamespace } from "./realtime/screen-namespace";
import { createTechnicianHub } from "./realtime/technician-setup";
import { ReportService } from "./reports/report-service";
import { RoomService } from "./room/room-service";
import { AttendanceService } from "./staff/attendance-service";
import { photoFolder } from "./store/photo-folder";

const log = createLogger("server");
/** How soon a screen whose session expired or was removed loses its socket (commands: at once). */
const SESSION_SWEEP_MS = 30_000;

export interface ServerOptions {
  /** The storage backend, e.g. the file store from server/store/lowdb-store.ts. */
  store: Storage;
  journal: EventJournal;
  port: number;
  host?: string;
  /** The built kiosk app (kiosk/dist); screens are not served when it is missing. */
  kioskDir?: string;
  clock?: () => Date;
  /** Children's and guardians' photos (`<dataDir>/photos`); without it no photo is served. */
  photosDir?: string;
  /** How often the gate clock checks for released-not-collected alarms and late children. */
  gateClockMs?: number;
  /** Behind a reverse proxy (`--trust-proxy`): client address and host come from X-Forwarded-*. */
  trustProxy?: boolean;
  /** Serve HTTPS (plain HTTP on the same port is redirected); see `wanfeng tls init`. */
  tls?: TlsFiles;
  /**
   * socket.io's adapter when several nodes serve one school (e.g. @socket.io/postgres-adapter):
   * what one node emits to a room reaches that room's sockets on every node. Default: this process only.
   */
  socketAdapter?: SocketServerOptions["adapter"];
  /** The nightly purge's storage; default: the file backend's (server/privacy/server-retention.ts). */
  purge?: RetentionOptions["purge"];
}

export interface RunningServer {
  url: string;
  port: number;
  day: DayService;
  /** The server the app and socket.io run on (HTTPS with `tls`). */
  http: HttpServer | HttpsServer;
  close(): Promise<void>;
}

/** Starts the HTTP API, the socket.io namespaces and the kiosk pages on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const clock = options.clock ?? (() => new Date());
  const { store, journal } = options;
  // The day service follows the store's changes, also those of `wanfeng device add`, `user add`
  // and `import` run beside the server.
  const day = await DayService.open({ store, journal, clock, newId: randomUUID });

  const app = express();
  app.disable("x-powered-by");
  const trustProxy = options.trustProxy ?? false;
  // Only behind a proxy the operator named: otherwise any client could choose its own address.
  app.set("trust proxy", trustProxy ? 1 : false);
  app.use(
    helmet({
      // Served over plain HTTP on the school LAN: never ask browsers to upgrade or pin HTTPS.
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { "upgrade-insecure-requests": null } },
    }),
  );
  app.use(sameOriginWrites);
  app.use(express.json({ limit: "64kb" }));
  // The screens' sockets exist only once the HTTP server does; logout reaches them through this.
  let endSessionSockets: (tokenHash: string) => void = () => {};
  app.use(sessionRoutes(store, clock, (hash) => endSessionSockets(hash)));
  app.use(groupRoutes(store, day, clock));
  app.use(rosterRoutes(store, clock));
  // The care archive (rule 12): reports, the day's sign-off and amendments of a closed day.
  const archive = new ArchiveService({ store, day, journal, clock, newId: randomUUID });
  app.use(reportRoutes(store, clock, new ReportService({ store, journal, clock }), archive));
  const admin = new AdminService({ store, clock, newId: randomUUID });
  const attendance = new AttendanceService({ store, day, journal, clock, newId: randomUUID });
  app.use(adminIoRoutes(store, attendance, clock));
  const listen: ListenSecurity = {
    host: options.host ?? "0.0.0.0",
    tls: options.tls !== undefined,
    trustProxy,
  };
  app.use(adminRoutes(store, day, admin, clock, journal, listen));
  const photos = options.photosDir ? photoFolder(options.photosDir) : undefined;
  const custody = new CustodyService({
    store,
    journal: day,
    clock,
    newId: randomUUID,
    ...(photos ? { photos } : {}),
  });
  app.use(custodyRoutes(store, custody, clock));
  const rooms = new RoomService({ store, day, clock, newId: randomUUID });
  app.use(healthRoutes(store, rooms, clock));
  app.use(staffRoutes(store, attendance, clock));
  app.use(photoRoutes(store, clock, photos));
  app.use(barredPhotoRoutes(store, custody, clock, photos));
  app.use(privacyRoutes(store, clock, journal, photos));
  const retention = startRetention(options, clock);
  app.use(retention.routes);
  app.use("/api", (_req, res) => sendError(res, "NOT_FOUND", "no such API route"));
  serveKiosk(app, options.kioskDir);
  app.use(errorHandler);

  const listener = createListener(app, options.tls);
  const http = listener.app;
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: allowOwnOrigin(trustProxy),
    ...(options.socketAdapter ? { adapter: options.socketAdapter } : {}),
  });
  const technician = createTechnicianHub(store, day, clock);
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

  await new Promise<void>((resolve, reject) => {
    listener.outer.once("error", reject);
    listener.outer.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const port = (listener.outer.address() as AddressInfo).port;
  const url = `${options.tls ? "https" : "http"}://localhost:${port}`;
  warnIfPlainOnNetwork(listen, store.schoolRoster().settings.demo === true);
  log.info({ url, kiosk: Boolean(options.kioskDir) }, "Wanfeng server listening");

  return {
    url,
    port,
    day,
    http,
    async close() {
      clearInterval(rollover);
      clearInterval(sessionSweep);
      stopGateClock();
      retention.stop();
      day.close();
      await io.close();
      if (listener.outer !== http) listener.outer.close();
      await journal.close();
    },
  };
}

function serveKiosk(app: express.Express, kioskDir: string | undefined): void {
  if (!kioskDir || !existsSync(join(kioskDir, "index.html"))) {
    log.warn({ kioskDir }, "kiosk app not built: run `npm run build:kiosk`; screens are not served");
    return;
  }
  app.use(
    express.static(kioskDir, {
      index: "index.html",
      // Asset names carry a content hash; index.html does not and must be fresh after an upgrade.
      setHeaders: (res, path) => {
        res.setHeader(
          "Cache-Control",
          path.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable",
        );
      },
    }),
  );
}

/** Passwords and cookies would cross the school's Wi-Fi in clear: say so where the operator looks. */
function warnIfPlainOnNetwork(listen: ListenSecurity, demo: boolean): void {
  if (!plainHttpOnNetwork(listen, demo)) return;
  log.warn(
    { host: listen.host },
    "serving plain HTTP on the network: passwords and session cookies cross the LAN in clear; run `wanfeng tls init` and start with --tls, or put a TLS proxy in front (--trust-proxy)",
  );
}
