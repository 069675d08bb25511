import { monitorEventLoopDelay } from "node:perf_hooks";
import { inParallel } from "./clients";
import { type ScreenLayout, screenRoles } from "./layout";
import { type LoopDelay, type PaceResult, pace } from "./pacer";
import type { ScreenMessageSample } from "./relay-message";
import type { BenchChild } from "./roster";
import type { GateSender, LoadTarget } from "./target";
import { DeliveryTracker } from "./tracker";

const CONNECT_PARALLEL = 50;
/** After the check-ins, so their last screen events are not still on the way when taps start. */
const SETTLE_MS = 1_000;
/** Before each block, so the work the other system does right after its last delivery is over. */
const BETWEEN_BLOCKS_MS = 250;

export interface LoadPlan {
  /** Screen i connects to endpoints[i % n]; the gate agents' taps all enter endpoints[0]. */
  endpoints: readonly string[];
  layout: ScreenLayout;
  gates: number;
}

export interface BlockPlan {
  children: readonly BenchChild[];
  rate: number;
  drainMs: number;
}

export interface BlockHooks {
  /** Right before the block's first tap and right after its drain: the caller reads process figures. */
  tapsStarting?: () => void;
  tapsDone?: () => void;
}

/** The pacing of all blocks of one system together. */
export interface PaceSummary {
  fired: number;
  blocks: number;
  /** Sum over the blocks of the time from their first to their last tap. */
  tappingMs: number;
  /** How late the worst tap of any block was against its schedule. */
  maxLagMs: number;
}

export interface LoadRun {
  tracker: DeliveryTracker;
  pace: PaceSummary;
  /**
   * Event-loop delay of the client process while this system's taps ran: of its worst block, each
   * figure (a histogram paused between blocks would count the pause as one long delay).
   */
  loopDelay: LoopDelay;
  connectMs: number;
  prepareMs: number;
  /** CPU the clients (this process) used during this system's taps. */
  clientCpuSeconds: number;
  /** Bytes of the first event a kiosk got about one tapped child. */
  screenEventBytes: number;
}

/**
 * One system's screens and gate agents, connected once and then tapped in blocks: the bench runs
 * the server's and the relay's blocks in turn, so both meet the same disk and the same machine.
 * Each block waits for all its deliveries before it ends, so a block never overlaps the next.
 */
export class LoadSession {
  readonly #target: LoadTarget;
  readonly #tracker: DeliveryTracker;
  readonly #gates: GateSender[] = [];
  #loopDelay: LoopDelay = { p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN };
  #tapEndpoint = "";
  #measuring = false;
  #screenMessage: ScreenMessageSample | undefined;
  #connectMs = 0;
  #prepareMs = 0;
  #clientCpuMicros = 0;
  #pace: PaceSummary = { fired: 0, blocks: 0, tappingMs: 0, maxLagMs: 0 };

  private constructor(target: LoadTarget, layout: ScreenLayout) {
    this.#target = target;
    this.#tracker = new DeliveryTracker(target.label, layout);
  }

  /** Connects every screen and gate agent; closes what it opened if any of them fails. */
  static async open(target: LoadTarget, plan: LoadPlan, log?: (line: string) => void): Promise<LoadSession> {
    const session = new LoadSession(target, plan.layout);
    try {
      await session.#connect(plan);
    } catch (err) {
      session.close();
      throw err;
    }
    log?.(
      `${target.label}: ${plan.layout.kioskGroups.length + plan.layout.guardCount} screens and ${plan.gates} gate agents connected`,
    );
    return session;
  }

  async #connect({ endpoints, layout, gates }: LoadPlan): Promise<void> {
    const tapEndpoint = endpoints[0];
    if (tapEndpoint === undefined) throw new Error("no endpoint to run against");
    const started = performance.now();
    await inParallel(screenRoles(layout), CONNECT_PARALLEL, (role, i) =>
      this.#target.openScreen(endpoints[i % endpoints.length] ?? tapEndpoint, role, (args) => {
        const at = performance.now();
        if (!this.#measuring) return;
        const told = this.#tracker.heard(i, role, args, at);
        // A message of one tap's round: one of a round with two taps of a group would be twice as long.
        const [childId] = told;
        if (this.#screenMessage === undefined && told.length === 1 && childId && role.kind === "kiosk") {
          this.#screenMessage = { args, childId, groupId: role.groupId };
        }
      }),
    );
    for (let g = 0; g < gates; g++) this.#gates.push(await this.#target.openGate(tapEndpoint, g));
    this.#connectMs = performance.now() - started;
    this.#tapEndpoint = tapEndpoint;
  }

  /** Whatever the taps need first (Wanfeng: the children are checked in); then lets it settle. */
  async prepare(children: readonly BenchChild[]): Promise<void> {
    const started = performance.now();
    await this.#target.prepare(this.#tapEndpoint, children);
    this.#prepareMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }

  /**
   * Paced taps that are not measured, so the first measured ones do not pay for the JIT compiling
   * the tap path (a server that has run for an hour has it compiled); resolves once all are acked.
   */
  async warmUp(children: readonly BenchChild[], rate: number, timeoutMs: number): Promise<void> {
    if (children.length === 0) return;
    let acked = 0;
    let allAcked = () => {};
    const done = new Promise<void>((resolve) => {
      allAcked = resolve;
    });
    await pace(children.length, rate, (i) => {
      const child = children[i];
      const gate = this.#gates[i % this.#gates.length];
      if (!child || !gate) return;
      gate.send(child, () => {
        acked++;
        if (acked === children.length) allAcked();
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.#target.label}: ${children.length - acked} warm-up taps never acked`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([done, timedOut]);
    } finally {
      clearTimeout(timer);
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }

  /** Sends one block of paced taps (each child once over the whole run) and waits for their deliveries. */
  async block(plan: BlockPlan, hooks: BlockHooks = {}): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, BETWEEN_BLOCKS_MS));
    hooks.tapsStarting?.();
    const cpuBefore = process.cpuUsage();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    this.#measuring = true;
    let paced: PaceResult;
    try {
      paced = await pace(plan.children.length, plan.rate, (i) => {
        const child = plan.children[i];
        const gate = this.#gates[(this.#pace.fired + i) % this.#gates.length];
        if (!child || !gate) return;
        this.#tracker.start(child.childId, child.groupId, performance.now());
        gate.send(child, (asExpected) => this.#tracker.acked(child.childId, performance.now(), asExpected));
      });
      await this.#tracker.drain(plan.drainMs);
    } finally {
      this.#measuring = false;
      loop.disable();
    }
    const worst = (a: number, b: number) => (Number.isNaN(a) ? b : Math.max(a, b));
    this.#loopDelay = {
      p50Ms: worst(this.#loopDelay.p50Ms, loop.percentile(50) / 1e6),
      p99Ms: worst(this.#loopDelay.p99Ms, loop.percentile(99) / 1e6),
      maxMs: worst(this.#loopDelay.maxMs, loop.max / 1e6),
    };
    const cpu = process.cpuUsage(cpuBefore);
    this.#clientCpuMicros += cpu.user + cpu.system;
    hooks.tapsDone?.();
    this.#pace = {
      fired: this.#pace.fired + paced.fired,
      blocks: this.#pace.blocks + 1,
      tappingMs: this.#pace.tappingMs + (paced.lastAt - paced.firstAt),
      maxLagMs: Math.max(this.#pace.maxLagMs, paced.maxLagMs),
    };
  }

  /** The first message a kiosk got about one tapped child (the relay sends its like). */
  screenMessage(): ScreenMessageSample | undefined {
    return this.#screenMessage;
  }

  screenEventBytes(): number {
    const args = this.#screenMessage?.args;
    return args ? Buffer.byteLength(JSON.stringify(args[0] ?? null)) : 0;
  }

  result(): LoadRun {
    return {
      tracker: this.#tracker,
      pace: this.#pace,
      loopDelay: this.#loopDelay,
      connectMs: this.#connectMs,
      prepareMs: this.#prepareMs,
      clientCpuSeconds: this.#clientCpuMicros / 1e6,
      screenEventBytes: this.screenEventBytes(),
    };
  }

  close(): void {
    this.#target.close();
  }
}

/**
 * The taps split into `rounds` blocks, and the order the two systems tap them in: server and
 * relay take turns, ABBA (server, relay, relay, server, …) so neither always goes first after
 * the other. The server goes first: the relay sends its screens the server's first kiosk message.
 */
export function blockSchedule<T>(
  children: readonly T[],
  rounds: number,
): { system: "server" | "relay"; children: readonly T[] }[] {
  const schedule: { system: "server" | "relay"; children: readonly T[] }[] = [];
  const size = Math.ceil(children.length / rounds);
  for (let r = 0; r < rounds; r++) {
    const slice = children.slice(r * size, (r + 1) * size);
    if (slice.length === 0) break;
    const pair = r % 2 === 0 ? (["server", "relay"] as const) : (["relay", "server"] as const);
    for (const system of pair) schedule.push({ system, children: slice });
  }
  return schedule;
}
