import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io-client";
import type { TapReport } from "../../protocol";
import {
  connected,
  deviceSocket,
  disconnectAll,
  inParallel,
  login,
  type ScreenSocket,
  screenSocket,
  unwrap,
} from "./clients";
import type { ScreenRole } from "./layout";
import type { PreparedSchool } from "./prepare-school";
import type { BenchChild } from "./roster";
import type { GateSender, LoadTarget } from "./target";

const CHECK_IN_PARALLEL = 64;

/**
 * The Wanfeng server through its public surface only: HTTP logins, the screen namespace's
 * `view:join` as the kiosk does it, touch check-ins, and `tap:report` on the device namespace as a
 * gate agent sends it.
 */
export class WanfengTarget implements LoadTarget {
  readonly label = "server";
  readonly #school: PreparedSchool;
  readonly #cookies = new Map<string, Promise<{ admin: string; guard: string }>>();
  readonly #sockets: Socket[] = [];
  #tapBytes = 0;

  constructor(school: PreparedSchool) {
    this.#school = school;
  }

  /** Two logins per endpoint (scrypt each): every kiosk shares the admin's session, every guard screen the guard's. */
  #sessions(endpoint: string): Promise<{ admin: string; guard: string }> {
    let cookies = this.#cookies.get(endpoint);
    if (!cookies) {
      const { admin, guard, password } = this.#school;
      cookies = Promise.all([
        login(endpoint, admin.username, password),
        login(endpoint, guard.username, password),
      ]).then(([a, g]) => ({ admin: a, guard: g }));
      this.#cookies.set(endpoint, cookies);
    }
    return cookies;
  }

  async openScreen(endpoint: string, role: ScreenRole, onEvent: (args: unknown[]) => void): Promise<void> {
    const cookies = await this.#sessions(endpoint);
    const socket: ScreenSocket = screenSocket(
      endpoint,
      role.kind === "kiosk" ? cookies.admin : cookies.guard,
    );
    this.#sockets.push(socket);
    socket.onAny((_event: string, ...args: unknown[]) => onEvent(args));
    await connected(socket);
    const view =
      role.kind === "kiosk" ? { view: "room" as const, groupId: role.groupId } : { view: "gate" as const };
    unwrap(await socket.emitWithAck("view:join", view));
  }

  async openGate(endpoint: string, index: number): Promise<GateSender> {
    const gate = this.#school.gates[index];
    if (!gate) throw new Error(`no gate device ${index}`);
    const socket = deviceSocket(endpoint, gate.token);
    this.#sockets.push(socket);
    await connected(socket);
    return {
      send: (child, done) => {
        const report: TapReport = {
          id: randomUUID(),
          readerId: "ttyUSB0",
          at: new Date().toISOString(),
          reading: { kind: "card", cardId: child.guardianCardId },
          rawHex: `01${Number(child.guardianCardId).toString(16).padStart(8, "0")}`,
        };
        if (this.#tapBytes === 0) this.#tapBytes = Buffer.byteLength(JSON.stringify(report));
        socket.emit("tap:report", report, (answer) => {
          const result = "data" in answer ? answer.data.result : undefined;
          done(result?.kind === "pickup" && result.children[0]?.outcome === "requested");
        });
      },
    };
  }

  /** Only children who are in can be requested: a teacher checks them in by touch on a kiosk. */
  async prepare(endpoint: string, children: readonly BenchChild[]): Promise<void> {
    const teacher = screenSocket(endpoint, (await this.#sessions(endpoint)).admin);
    this.#sockets.push(teacher);
    await connected(teacher);
    await inParallel(children, CHECK_IN_PARALLEL, async (child) => {
      const view = unwrap(await teacher.emitWithAck("child:checkIn", { childId: child.childId }));
      if (view.status !== "checked_in") throw new Error(`check-in of ${child.childId} gave ${view.status}`);
    });
  }

  tapBytes(): number {
    return this.#tapBytes;
  }

  close(): void {
    disconnectAll(this.#sockets);
  }
}
