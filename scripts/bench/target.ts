import type { ScreenRole } from "./layout";
import type { BenchChild } from "./roster";

/** A gate agent's connection: sends one tap and reports its acknowledgement. */
export interface GateSender {
  /** `done(asExpected)` runs on the acknowledgement; false when it was not what the tap should get. */
  send(child: BenchChild, done: (asExpected: boolean) => void): void;
}

/**
 * What the load needs from a system under test: screens that show a group or the gate, gate
 * agents that tap, and the state the taps need. The Wanfeng server and the relay each implement
 * it; the load, the pacing and the tracking are the same code for both.
 */
export interface LoadTarget {
  readonly label: string;
  /** Resolves once the screen is connected and shows its view; `onEvent` gets every event's arguments. */
  openScreen(endpoint: string, role: ScreenRole, onEvent: (args: unknown[]) => void): Promise<void>;
  openGate(endpoint: string, index: number): Promise<GateSender>;
  /** Whatever must hold before the taps (Wanfeng: the tapped children are checked in). */
  prepare(endpoint: string, children: readonly BenchChild[]): Promise<void>;
  /** Bytes of one tap message, once one was sent. */
  tapBytes(): number;
  /** Disconnects every socket it opened. */
  close(): void;
}
