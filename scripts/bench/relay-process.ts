/**
 * The relay, run as its own process (`node --import tsx scripts/bench/relay-process.ts --port <p>
 * --log <file> --view-template <file> --line-bytes <n>`) so it is measured the same way as the
 * server. Per tap it does what a durable server must at least do: append one line, as long as the
 * server's journal record of a tap, to a file on the same disk and fdatasync it (group commit),
 * then send one message, the server's own first kiosk message with this child's ids, to the
 * child's group room and the gate room, then acknowledge. No auth, no roster, no domain.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Server } from "socket.io";
import { DurableLog } from "./durable-log";
import { relayMessage } from "./relay-message";
import {
  padded,
  RELAY_GATE_ROOM,
  type RelayClientToServer,
  type RelayServerToClient,
  relayGroupRoom,
} from "./relay-wire";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    log: { type: "string" },
    "view-template": { type: "string" },
    "line-bytes": { type: "string" },
  },
});
const port = Number(values.port);
/** Of the logged line, its newline included. */
const lineBytes = Number(values["line-bytes"] ?? 0);
if (!Number.isInteger(port) || !values.log || !values["view-template"]) {
  process.stderr.write("relay-process: --port <n>, --log <file> and --view-template <file> are required\n");
  process.exit(2);
}
const template = await readFile(values["view-template"], "utf-8");

const log = await DurableLog.open(values.log);
const http = createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(
    req.url === "/stats" ? JSON.stringify({ lines: log.lines, syncs: log.syncs, bytes: log.bytes }) : "{}",
  );
});
const io = new Server<RelayClientToServer, RelayServerToClient>(http, { serveClient: false });
io.on("connection", (socket) => {
  const room: unknown = socket.handshake.auth?.room;
  if (typeof room === "string") void socket.join(room);
  socket.on("tap", (tap, ack) => {
    log.append(JSON.stringify(lineBytes > 0 ? padded(tap, lineBytes - 1) : tap)).then(
      () => {
        io.to([relayGroupRoom(tap.groupId), RELAY_GATE_ROOM]).emit(
          "updates",
          ...relayMessage(template, tap.childId, tap.groupId),
        );
        ack({ data: { tapId: tap.id } });
      },
      (err: unknown) => ack({ error: { message: String(err) } }),
    );
  });
});

http.listen(port, "127.0.0.1");
process.once("SIGTERM", () => {
  void io.close().then(async () => {
    await log.close();
    process.exit(0);
  });
});
