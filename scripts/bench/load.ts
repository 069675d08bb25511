import { inParallel } from "./clients";
import { type ScreenLayout, screenRoles } from "./layout";
import { type LoopDelay, type PaceResult, pace, withLoopDelay } from "./pacer";
import type { BenchChild } from "./roster";
import type { GateSender, LoadTarget } from "./target";
import { DeliveryTracker } from "./tracker";

const CONNECT_PARALLEL = 50;
/** After the check-ins, so their last screen events are not still on the way when taps start. */
const SETTLE_MS = 1_000;

export interface LoadPlan {
  /** Screen i connects to endpoints[i % n]; the gate agents' taps all enter endpoints[0]. */
  endpoints: readonly string[];
  layout: ScreenLayout;
  tapChildren: readonly BenchChild[];
  gates: number;
  rate: number;
  drainMs: number;
}

export interface LoadHooks {
  /** Right before the first tap and right after the drain: the caller reads process figures. */
  tapsStarting?: () => void;
  tapsDone?: () => void;
  log?: (line: string) => void;
}

export interface LoadRun {
  tracker: DeliveryTracker;
  pace: PaceResult;
  /** Event-loop delay of the client process while the taps ran. */
  loopDelay: LoopDelay;
  connectMs: number;
  prepareMs: number;
  /** CPU the clients (this process) used during the taps. */
  clientCpuSeconds: number;
  /** Bytes of the first event a kiosk got during the taps. */
  screenEventBytes: number;
}

/** Connects every screen and gate agent, prepares, then sends the paced taps and tracks them. */
export async function runLoad(target: LoadTarget, plan: LoadPlan, hooks: LoadHooks = {}): Promise<LoadRun> {
  const { endpoints, layout } = plan;
  const tapEndpoint = endpoints[0];
  if (tapEndpoint === undefined) throw new Error("no endpoint to run against");
  const tracker = new DeliveryTracker(target.label, layout);
  let measuring = false;
  let screenEventBytes = 0;
  try {
    const connectStart = performance.now();
    const roles = screenRoles(layout);
    await inParallel(roles, CONNECT_PARALLEL, (role, i) =>
      target.openScreen(endpoints[i % endpoints.length] ?? tapEndpoint, role, (args) => {
        const at = performance.now();
        if (!measuring) return;
        if (screenEventBytes === 0 && role.kind === "kiosk") {
          screenEventBytes = Buffer.byteLength(JSON.stringify(args[0] ?? null));
        }
        tracker.heard(i, role, args, at);
      }),
    );
    const gates: GateSender[] = [];
    for (let g = 0; g < plan.gates; g++) gates.push(await target.openGate(tapEndpoint, g));
    const connectMs = performance.now() - connectStart;
    hooks.log?.(`${target.label}: ${roles.length} screens and ${gates.length} gate agents connected`);

    const prepareStart = performance.now();
    await target.prepare(tapEndpoint, plan.tapChildren);
    const prepareMs = performance.now() - prepareStart;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

    hooks.log?.(`${target.label}: ${plan.tapChildren.length} taps at ${plan.rate}/s`);
    hooks.tapsStarting?.();
    const cpuBefore = process.cpuUsage();
    measuring = true;
    const [paced, loopDelay] = await withLoopDelay(async () => {
      const run = await pace(plan.tapChildren.length, plan.rate, (i) => {
        const child = plan.tapChildren[i];
        const gate = gates[i % gates.length];
        if (!child || !gate) return;
        tracker.start(child.childId, child.groupId, performance.now());
        gate.send(child, (asExpected) => tracker.acked(child.childId, performance.now(), asExpected));
      });
      await tracker.drain(plan.drainMs);
      return run;
    });
    measuring = false;
    const cpu = process.cpuUsage(cpuBefore);
    hooks.tapsDone?.();
    return {
      tracker,
      pace: paced,
      loopDelay,
      connectMs,
      prepareMs,
      clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
      screenEventBytes,
    };
  } finally {
    target.close();
  }
}
