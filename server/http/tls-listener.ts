import {
  createServer as createPlainServer,
  type Server as HttpServer,
  type RequestListener,
} from "node:http";
import { createServer as createTlsServer, type Server as HttpsServer } from "node:https";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";

export interface TlsFiles {
  key: string | Buffer;
  cert: string | Buffer;
}

/** The first byte of a TLS connection (a handshake record); plain HTTP starts with a letter. */
const TLS_HANDSHAKE = 0x16;

export interface Listener {
  /** What listens on the port. */
  outer: NetServer | HttpServer;
  /** What socket.io attaches to: the server that speaks to the app. */
  app: HttpServer | HttpsServer;
}

/**
 * Plain HTTP, or HTTPS on the same port with plain HTTP answered by a redirect to https: a
 * bookmark or a typed address without "https://" still finds the school's server, and nothing
 * but the redirect is ever said in clear.
 */
export function createListener(app: RequestListener, tls: TlsFiles | undefined): Listener {
  if (!tls) {
    const plain = createPlainServer(app);
    return { outer: plain, app: plain };
  }
  const secure = createTlsServer({ key: tls.key, cert: tls.cert }, app);
  const redirect = createPlainServer((req, res) => {
    const host = req.headers.host ?? "localhost";
    res.writeHead(308, { Location: `https://${host}${req.url ?? "/"}`, "Cache-Control": "no-store" });
    res.end();
  });
  const outer = createNetServer((socket: Socket) => {
    socket.once("readable", () => {
      const first: Buffer | null = socket.read(1);
      if (first === null) {
        socket.destroy();
        return;
      }
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : redirect).emit("connection", socket);
    });
    socket.on("error", () => socket.destroy());
  });
  outer.on("close", () => {
    secure.close();
    redirect.close();
  });
  return { outer, app: secure };
}
