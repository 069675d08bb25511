import { existsSync } from "node:fs";
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import express from "express";
import helmet from "helmet";
import { createLogger } from "../../common/log";
import { errorHandler } from "../http/errors";
import { type ListenSecurity, plainHttpOnNetwork } from "../http/plain-http";
import { sameOriginWrites } from "../http/same-origin";
import { createListener, type TlsFiles } from "../http/tls-listener";
import { type SchoolRuntime, SOCKET_PATH } from "../school-runtime";

const log = createLogger("server");

export interface FrontOptions {
  port: number;
  host: string;
  /** The built kiosk app (kiosk/dist); screens are not served when it is missing. */
  kioskDir?: string;
  /** Serve HTTPS (plain HTTP on the same port is redirected); see `wanfeng tls init`. */
  tls?: TlsFiles;
  /** Behind a reverse proxy (`--trust-proxy`): client address and host come from X-Forwarded-*. */
  trustProxy: boolean;
  /** The demo school is exempt from the plain-HTTP warning. */
  demo: boolean;
}

/** Which school a request or socket belongs to: one school, or the district's router. */
export interface SchoolRouter {
  schoolOf(req: IncomingMessage): SchoolRuntime | Promise<SchoolRuntime>;
  /** Routes answered before any school's: the login of a district, the district's own pages. */
  routes?: express.Router;
}

export interface RunningFront {
  url: string;
  port: number;
  http: HttpServer | HttpsServer;
  close(): Promise<void>;
}

export function listenSecurity(options: Pick<FrontOptions, "host" | "tls" | "trustProxy">): ListenSecurity {
  return { host: options.host, tls: options.tls !== undefined, trustProxy: options.trustProxy };
}

/**
 * The port: security headers, JSON bodies and the same-origin rule for every request, the kiosk
 * pages, and each API request and socket handed to its school's routes and engine.
 */
export async function startFront(options: FrontOptions, router: SchoolRouter): Promise<RunningFront> {
  const app = express();
  app.disable("x-powered-by");
  // Only behind a proxy the operator named: otherwise any client could choose its own address.
  app.set("trust proxy", options.trustProxy ? 1 : false);
  app.use(
    helmet({
      // Served over plain HTTP on the school LAN: never ask browsers to upgrade or pin HTTPS.
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { "upgrade-insecure-requests": null } },
    }),
  );
  app.use(sameOriginWrites);
  app.use(express.json({ limit: "64kb" }));
  if (router.routes) app.use(router.routes);
  app.use((req, res, next) => {
    if (req.path !== "/api" && !req.path.startsWith("/api/")) {
      next();
      return;
    }
    Promise.resolve(router.schoolOf(req)).then((school) => school.app(req, res, next), next);
  });
  serveKiosk(app, options.kioskDir);
  app.use(errorHandler);

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!isSocketPath(req)) {
      app(req, res);
      return;
    }
    Promise.resolve(router.schoolOf(req)).then(
      (school) => school.engine.handleRequest(req, res),
      (err: unknown) => {
        log.error({ err }, "socket request failed");
        res.writeHead(500).end();
      },
    );
  };
  const listener = createListener(onRequest, options.tls);
  listener.app.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isSocketPath(req)) {
      socket.destroy();
      return;
    }
    Promise.resolve(router.schoolOf(req)).then(
      (school) => school.engine.handleUpgrade(req, socket, head),
      () => socket.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    listener.outer.once("error", reject);
    listener.outer.listen(options.port, options.host, () => resolve());
  });
  const port = (listener.outer.address() as AddressInfo).port;
  const url = `${options.tls ? "https" : "http"}://localhost:${port}`;
  warnIfPlainOnNetwork(listenSecurity(options), options.demo);
  log.info({ url, kiosk: Boolean(options.kioskDir) }, "Wanfeng server listening");
  return {
    url,
    port,
    http: listener.app,
    async close() {
      await new Promise<void>((resolve) => {
        listener.outer.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        if ("closeAllConnections" in listener.outer) listener.outer.closeAllConnections();
      });
      if (listener.outer !== listener.app) listener.app.close();
    },
  };
}

function isSocketPath(req: IncomingMessage): boolean {
  return (req.url ?? "").startsWith(SOCKET_PATH);
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
