import type { TemplateResult } from "lit";
import type { SessionUser } from "../../../protocol/model";

/** The state every screen shares (who is logged in, the header's facts) and the render trigger. */

export type ConnectionState = "online" | "reconnecting" | "offline";

export interface Screen {
  /** What the header shows after the school name (the group, "gate"…), already translated. */
  title(): string;
  view(): TemplateResult;
  dispose(): void;
}

export interface AppState {
  user: SessionUser | undefined;
  schoolName: string;
  connection: ConnectionState;
}

const SCHOOL_KEY = "wanfeng.schoolName";

function storedSchoolName(): string {
  try {
    return globalThis.localStorage?.getItem(SCHOOL_KEY) ?? "";
  } catch {
    return "";
  }
}

export const appState: AppState = {
  user: undefined,
  schoolName: storedSchoolName(),
  connection: "online",
};

/** The school name comes with every snapshot; remembered so the login page can show it too. */
export function setSchoolName(name: string): void {
  if (name === "" || name === appState.schoolName) return;
  appState.schoolName = name;
  try {
    globalThis.localStorage?.setItem(SCHOOL_KEY, name);
  } catch {
    // not fatal
  }
  requestRender();
}

export function setConnection(state: ConnectionState): void {
  if (appState.connection === state) return;
  appState.connection = state;
  requestRender();
}

let renderer: () => void = () => {};
let scheduled = false;

export function setRenderer(fn: () => void): void {
  renderer = fn;
}

/** Batches state changes into one render on the next microtask. */
export function requestRender(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    renderer();
  });
}

export function navigate(hash: string): void {
  if (location.hash === hash) return;
  location.hash = hash;
}
