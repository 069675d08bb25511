import type { Server as EngineServer, Socket as EngineSocket } from "engine.io";

/**
 * Empties the array of packets engine.io has just sent to a socket, so that it stops pointing at them.
 *
 * engine.io hands a socket's buffered packets to the transport and replaces the array with a new
 * one; the old array is dropped but still holds the packets. A kiosk's socket hears about one
 * message a second, so by then that array is in V8's old generation, and a scavenge keeps every
 * young object an old one points to, dead or alive, until the next major collection: each
 * message's packet, encoded text and frame were promoted, and the old generation filled about once
 * per 2,000 taps. With the arrays emptied, `npm run bench` promoted 4.3 MB instead of 9.2 MB over
 * its taps, and no major collection fell in them (docs/decisions.md "Sent packets are let go of").
 *
 * engine.io emits `flush` just before the transport takes the packets and `drain` just after, in
 * the same turn; the transports encode and write them within that call (test/server/sent-packets).
 */
export function letGoOfSentPackets(engine: EngineServer): void {
  let sentTo: EngineSocket | undefined;
  let sent: unknown[] | undefined;
  engine.on("flush", (socket: EngineSocket, packets: unknown[]) => {
    sentTo = socket;
    sent = packets;
  });
  engine.on("drain", (socket: EngineSocket) => {
    // Only the flush this drain ends: were one socket's send ever to start another's, the outer
    // drain finds the inner socket here and leaves its own array alone.
    if (socket === sentTo && sent) sent.length = 0;
    sentTo = undefined;
    sent = undefined;
  });
}
