import type { Server as HttpServer } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { AttemptStore } from "./auth/attempt-store";
import { passwordLimits } from "./auth/password-limits";
import type { DayService } from "./day/day-service";
import { listenSecurity, startFront } from "./front/front-server";
import type { TlsFiles } from "./http/tls-listener";
import { openSchoolRuntime, type SchoolRuntimeOptions } from "./school-runtime";

export interface ServerOptions extends SchoolRuntimeOptions {
  port: number;
  host?: string;
  /** The built kiosk app (kiosk/dist); screens are not served when it is missing. */
  kioskDir?: string;
  /** Behind a reverse proxy (`--trust-proxy`): client address and host come from X-Forwarded-*. */
  trustProxy?: boolean;
  /** Serve HTTPS (plain HTTP on the same port is redirected); see `wanfeng tls init`. */
  tls?: TlsFiles;
  /** Where password attempts count; default this process's memory. */
  attempts?: AttemptStore;
}

export interface RunningServer {
  url: string;
  port: number;
  day: DayService;
  /** The server the app and socket.io run on (HTTPS with `tls`). */
  http: HttpServer | HttpsServer;
  close(): Promise<void>;
}

/** One school on one port: the HTTP API, the socket.io namespaces and the kiosk pages. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const front = {
    port: options.port,
    host: options.host ?? "0.0.0.0",
    trustProxy: options.trustProxy ?? false,
    demo: options.store.schoolRoster().settings.demo === true,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.kioskDir ? { kioskDir: options.kioskDir } : {}),
  };
  const school = await openSchoolRuntime(options, {
    listen: listenSecurity(front),
    limits: passwordLimits(options.attempts),
  });
  const running = await startFront(front, { schoolOf: () => school }).catch(async (err: unknown) => {
    await school.close();
    throw err;
  });
  return {
    url: running.url,
    port: running.port,
    day: school.day,
    http: running.http,
    async close() {
      await school.close();
      await running.close();
    },
  };
}
