/**
 * Whether two values of the document are the same JSON data, found without writing either as
 * text: comparing `JSON.stringify` texts made two copies of the whole document (~3 MB each for a
 * school of 5,000 children) on every update, twice, and such text lands in V8's large-object
 * space, which only a full collection frees.
 *
 * True only for the same data: plain objects with the same keys (a property set to undefined
 * counts as absent, as in JSON) and equal values, arrays of the same values in order, equal
 * strings, finite numbers, booleans and null; undefined is the same as undefined (an absent
 * part). Anything else (a function, a symbol, a number that is not finite, a Date, a Map or another
 * class) is never the same as anything, so whoever relies on this (applyChange's validation) looks
 * at it.
 * Keys are compared as sets: the document is zod output, whose objects list their keys in the
 * schema's order whatever order they were set in.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return isData(a);
  if (!isContainer(a) || !isContainer(b)) return false;
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) return sameArray(a as unknown[], b as unknown[]);
  return sameObject(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameArray(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!sameJson(a[i], b[i])) return false;
  }
  return true;
}

function sameObject(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let present = 0;
  for (const key in a) {
    const value = a[key];
    if (value === undefined) continue;
    present++;
    if (!sameJson(value, b[key])) return false;
  }
  for (const key in b) {
    if (b[key] !== undefined) present--;
  }
  return present === 0;
}

/** Identical values: data unless they are something JSON cannot hold. */
function isData(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      return value === null || isContainer(value);
    default:
      return false;
  }
}

/** A plain object or an array (a parsed or cloned document holds no other objects). */
function isContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
