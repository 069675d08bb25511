import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChildDayView, TapReport } from "../../protocol";
import { startServer } from "../../server/app";
import { addDevice } from "../../server/auth/devices";
import { addUser } from "../../server/auth/users";
import type { EventJournal } from "../../server/domain/events";
import { openFileJournal } from "../../server/store/file-journal";
import { openDocumentStore } from "../../server/store/lowdb-store";
import {
  connected,
  type DeviceSocket,
  deviceSocket,
  disconnectAll,
  inParallel,
  login,
  type ScreenSocket,
  screenSocket,
  unwrap,
} from "./clients";
import type { PaceResult } from "./pacer";
import { type LoopDelay, pace, withLoopDelay } from "./pacer";
import type { BenchChild, BenchRoster } from "./roster";
import { newSeries, record, type Series } from "./stats";
import { DeliveryTracker, type ScreenLayout } from "./tracker";

const PASSWORD = "bench-password-晚风";
const CONNECT_PARALLEL = 50;
const CHECK_IN_PARALLEL = 64;
const KIOSK_DIR = fileURLToPath(new URL("../../kiosk/dist", import.meta.url));

export interface WanfengRun {
  tracker: DeliveryTracker;
  /** Each journal append during the taps: write + fsync, shared by the taps of one group commit. */
  journal: Series;
  /** fsyncs of the day file during the taps (group commit makes this fewer than the taps). */
  fsyncs: number;
  pace: PaceResult;
  /** Event-loop delay while the taps ran. */
  loopDelay: LoopDelay;
  setupMs: number;
  connectMs: number;
  checkIn: { count: number; ms: number };
  /** Bytes of one tap report and of one child:updated payload, for the relay to copy. */
  tapBytes: number;
  viewBytes: number;
  problems: string[];
}

export interface WanfengPlan {
  dataDir: string;
  roster: BenchRoster;
  layout: ScreenLayout;
  tapChildren: readonly BenchChild[];
  rate: number;
  drainMs: number;
}

/** The real server on real files: roster, logins, screens, check-in, then paced guardian taps. */
export async function runWanfeng(plan: WanfengPlan): Promise<WanfengRun> {
  const { layout, tapChildren } = plan;
  const problems: string[] = [];
  const sockets: (ScreenSocket | DeviceSocket)[] = [];

  const setupStart = performance.now();
  const store = await openDocumentStore(plan.dataDir);
  await store.update((doc) => {
    Object.assign(doc, plan.roster.db);
  });
  await addUser(store, { username: "admin", displayName: "管理员", role: "admin", password: PASSWORD });
  await addUser(store, { username: "guard", displayName: "保安", role: "guard", password: PASSWORD });
  const gate = await addDevice(store, { name: "南门 bench", kind: "gate" });
  let measuring = false;
  let fsyncs = 0;
  const journalSeries = newSeries("wanfeng journal append");
  const fileJournal = await openFileJournal(join(plan.dataDir, "journal"), {
    onSync: () => {
      if (measuring) fsyncs++;
    },
  });
  // The journal comes in through the constructor: a thin wrapper times each append.
  const journal: EventJournal = {
    readDay: (day) => fileJournal.readDay(day),
    async append(events) {
      const startAt = performance.now();
      await fileJournal.append(events);
      if (measuring) record(journalSeries, startAt, performance.now());
    },
    close: () => fileJournal.close(),
  };
  const server = await startServer({ store, journal, port: 0, host: "127.0.0.1", kioskDir: KIOSK_DIR });
  const setupMs = performance.now() - setupStart;

  try {
    const baseUrl = `http://127.0.0.1:${server.port}`;
    // Two logins (scrypt each); every kiosk shares the admin session, every guard screen the guard's.
    const [adminCookie, guardCookie] = await Promise.all([
      login(baseUrl, "admin", PASSWORD),
      login(baseUrl, "guard", PASSWORD),
    ]);

    const connectStart = performance.now();
    const kiosks: { socket: ScreenSocket; groupId: string }[] = [];
    await inParallel(layout.kioskGroups, CONNECT_PARALLEL, async (groupId) => {
      const socket = screenSocket(baseUrl, adminCookie);
      sockets.push(socket);
      await connected(socket);
      unwrap(await socket.emitWithAck("view:join", { view: "room", groupId }));
      kiosks.push({ socket, groupId });
    });
    const guards: ScreenSocket[] = [];
    await inParallel(
      Array.from({ length: layout.guardCount }, (_, i) => i),
      CONNECT_PARALLEL,
      async () => {
        const socket = screenSocket(baseUrl, guardCookie);
        sockets.push(socket);
        await connected(socket);
        unwrap(await socket.emitWithAck("view:join", { view: "gate" }));
        guards.push(socket);
      },
    );
    const teacher = screenSocket(baseUrl, adminCookie);
    const device = deviceSocket(baseUrl, gate.token);
    sockets.push(teacher, device);
    await Promise.all([connected(teacher), connected(device)]);
    const connectMs = performance.now() - connectStart;

    // Only children who are in can be requested: check them in by touch on a kiosk, timed apart.
    const checkInStart = performance.now();
    await inParallel(tapChildren, CHECK_IN_PARALLEL, async (child) => {
      const view = unwrap(await teacher.emitWithAck("child:checkIn", { childId: child.childId }));
      if (view.status !== "checked_in") throw new Error(`check-in of ${child.childId} gave ${view.status}`);
    });
    const checkIn = { count: tapChildren.length, ms: performance.now() - checkInStart };

    const tracker = new DeliveryTracker("wanfeng", layout);
    let viewBytes = 0;
    const onView = (heard: (childId: string, at: number) => void) => (view: ChildDayView) => {
      const at = performance.now();
      if (view.status !== "pickup_requested") return;
      if (viewBytes === 0) viewBytes = Buffer.byteLength(JSON.stringify(view));
      heard(view.childId, at);
    };
    const toKiosk = onView((id, at) => tracker.kioskHeard(id, at));
    const toGuard = onView((id, at) => tracker.guardHeard(id, at));
    for (const { socket } of kiosks) socket.on("child:updated", toKiosk);
    for (const socket of guards) socket.on("child:updated", toGuard);

    let tapBytes = 0;
    let unexpected = 0;
    measuring = true;
    const [paced, loopDelay] = await withLoopDelay(async () => {
      const run = await pace(tapChildren.length, plan.rate, (i) => {
        const child = tapChildren[i];
        if (!child) return;
        const report: TapReport = {
          id: randomUUID(),
          readerId: "ttyUSB0",
          at: new Date().toISOString(),
          reading: { kind: "card", cardId: child.guardianCardId },
          rawHex: `01${Number(child.guardianCardId).toString(16).padStart(8, "0")}`,
        };
        if (tapBytes === 0) tapBytes = Buffer.byteLength(JSON.stringify(report));
        const emitAt = performance.now();
        tracker.start(child.childId, child.groupId, emitAt);
        device.emit("tap:report", report, (answer) => {
          tracker.acked(child.childId, performance.now());
          const outcome = "data" in answer ? answer.data.result : undefined;
          const requested = outcome?.kind === "pickup" && outcome.children[0]?.outcome === "requested";
          if (!requested && unexpected++ === 0) {
            problems.push(`tap for ${child.childId} was not a pickup request: ${JSON.stringify(answer)}`);
          }
        });
      });
      await tracker.drain(plan.drainMs);
      return run;
    });
    measuring = false;
    if (unexpected > 1) problems.push(`${unexpected} taps in all were not pickup requests`);

    return {
      tracker,
      journal: journalSeries,
      fsyncs,
      pace: paced,
      loopDelay,
      setupMs,
      connectMs,
      checkIn,
      tapBytes,
      viewBytes,
      problems,
    };
  } finally {
    disconnectAll(sockets);
    await server.close();
  }
}
