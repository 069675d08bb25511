import type { Ack } from "../../../protocol/errors";

/**
 * What the admin screen's panels may ask of it. Panels take this (or a panel's own extension of
 * it) rather than the screen class, so the screen imports its panels and no panel imports it back.
 */
export interface AdminHost {
  /** The children and cards tabs' search box. */
  search: string;
  /** Runs a change; on success the snapshot is reloaded and `done` is said, on failure the code is. */
  run<T>(call: Promise<Ack<T>>, done?: string): Promise<T | undefined>;
  /** Shows one child's history (the history tab). */
  openHistory(childId: string): void;
}

/** Reads a submitted form's fields as trimmed strings. */
export function formFields(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const fields: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string") fields[key] = value.trim();
  return fields;
}
