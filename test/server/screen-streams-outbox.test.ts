import { describe, expect, it } from "vitest";
import type { ScreenUpdateItem } from "../../protocol";
import type { ScreenNamespace } from "../../server/realtime/namespaces";
import { ScreenStreams } from "../../server/realtime/publish/screen-streams";

/** What a room was sent, in order: the event names of each message and its version. */
function fakeScreens() {
  const sent: { room: string; events: string[]; version: number }[] = [];
  const stale: number[] = [];
  /** The sockets in each room, as socket.io's adapter keeps them. */
  const rooms = new Map<string, Set<string>>();
  const namespace = {
    local: {
      to: (room: string) => ({
        emit: (_name: string, items: ScreenUpdateItem[], version: number) =>
          sent.push({ room, events: items.map((i) => i.event), version }),
      }),
      emit: () => stale.push(sent.length),
    },
    adapter: { rooms },
  };
  return { sent, stale, rooms, streams: new ScreenStreams(namespace as unknown as ScreenNamespace) };
}

const tile = { childId: "c1" } as never;

/** Resolves after the microtasks queued so far (and those they queue) have run. */
const afterCurrentWork = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("screen streams send at the end of the turn, one message per room", () => {
  it("writes no socket while the turn's work runs; the updates of a room made before it leaves share one message", async () => {
    const { sent, streams } = fakeScreens();
    streams.send("group:g1", "child:updated", tile);
    streams.send("group:g1", "pickup:requested", { child: tile });
    streams.send("gate", "pickup:requested", { child: tile });
    expect(sent).toEqual([]);
    // A snapshot read now includes all three updates and carries the version their message will have.
    expect(streams.version("group:g1")).toBe(1);
    expect(streams.version("gate")).toBe(1);

    await afterCurrentWork();
    expect(sent).toEqual([
      { room: "group:g1", events: ["child:updated", "pickup:requested"], version: 1 },
      { room: "gate", events: ["pickup:requested"], version: 1 },
    ]);

    // After it left, the next update is the next version.
    streams.send("group:g1", "child:updated", tile);
    expect(streams.version("group:g1")).toBe(2);
    await afterCurrentWork();
    expect(sent.at(-1)).toEqual({ room: "group:g1", events: ["child:updated"], version: 2 });
  });

  it("sends the rooms with fewer screens first, each room's messages still in order", async () => {
    const { sent, streams, rooms } = fakeScreens();
    rooms.set("gate", new Set(["g1", "g2", "g3"]));
    rooms.set("group:g1", new Set(["k1"]));
    rooms.set("group:g2", new Set(["k2", "k3"]));
    // Two taps' updates leaving together: the gate's message was made before the second kiosk's.
    streams.send("group:g2", "pickup:requested", { child: tile });
    streams.send("gate", "pickup:requested", { child: tile });
    streams.send("group:g1", "pickup:requested", { child: tile });
    streams.send("gate", "pickup:requested", { child: tile });
    await afterCurrentWork();
    expect(sent.map((m) => m.room)).toEqual(["group:g1", "group:g2", "gate"]);
    expect(sent.find((m) => m.room === "gate")?.events).toEqual(["pickup:requested", "pickup:requested"]);
  });

  it("tells every screen to reload only after the updates made before", () => {
    const { sent, stale, streams } = fakeScreens();
    streams.send("gate", "child:updated", tile);
    streams.allStale();
    expect(sent).toHaveLength(1);
    expect(stale).toEqual([1]);
  });
});
