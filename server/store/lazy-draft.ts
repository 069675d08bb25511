import type { Db } from "./schema";

/** A top-level part of the draft after the change: untouched, or what the change left there. */
export type DraftPart = { touched: false } | { touched: true; present: boolean; value: unknown };

/**
 * The draft a change edits: looks like a deep copy of the document, but each top-level part is
 * copied only when the change first reads or replaces it. A login adds a session: copying all
 * 5,000 children for it (structuredClone of the whole document, ~10 MB) was half of what an
 * update still allocated. Reading, assigning, deleting, spreading, Object.assign and
 * structuredClone of the draft behave as on a plain copy.
 */
export function lazyDraft(current: Db): { draft: Db; partOf(key: keyof Db): DraftPart } {
  const copies = new Map<string, unknown>();
  const draft = {} as Db;
  const getters = new Map<string, () => unknown>();
  for (const key of Object.keys(current)) {
    const get = () => {
      if (!copies.has(key)) copies.set(key, structuredClone(current[key as keyof Db]));
      return copies.get(key);
    };
    getters.set(key, get);
    Object.defineProperty(draft, key, {
      enumerable: true,
      configurable: true,
      get,
      set: (value: unknown) => copies.set(key, value),
    });
  }
  return {
    draft,
    partOf(key) {
      const own = Object.getOwnPropertyDescriptor(draft, key);
      if (own === undefined) return { touched: true, present: false, value: undefined };
      if (own.get === undefined || own.get !== getters.get(key)) {
        return { touched: true, present: true, value: own.value };
      }
      return copies.has(key) ? { touched: true, present: true, value: copies.get(key) } : { touched: false };
    },
  };
}
