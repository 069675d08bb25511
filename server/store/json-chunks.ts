/**
 * `JSON.stringify(data, null, 2) + "\n"` in pieces, top-level part by part and array item by
 * item, so a document can be hashed and written without its whole text in memory: for 5,000
 * children that text is ~6 MB (two bytes a character once it holds Chinese), which V8 keeps in its
 * large-object space until a full collection, plus ~3 MB of bytes to write it. Joined, the pieces
 * are exactly that text (a test compares them).
 */
export function* jsonChunks(data: unknown): Generator<string> {
  if (!isPlainObject(data)) {
    yield `${JSON.stringify(data, null, 2)}\n`;
    return;
  }
  let first = true;
  for (const [key, value] of Object.entries(data)) {
    const items = Array.isArray(value) && value.length > 0 ? value : undefined;
    // What JSON leaves out (undefined, a function, a toJSON that gives nothing) has no key either.
    const text = items ? "" : JSON.stringify(value, null, 2);
    if (text === undefined) continue;
    yield `${first ? "{" : ","}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (items) {
      for (let i = 0; i < items.length; i++) {
        // Inside an array, what JSON cannot hold reads as null; each item is two levels deep.
        yield `${i === 0 ? "[" : ","}\n    ${indented(JSON.stringify(items[i], null, 2) ?? "null", "    ")}`;
      }
      yield "\n  ]";
    } else {
      yield indented(text, "  ");
    }
  }
  yield first ? "{}\n" : "\n}\n";
}

/** A JSON text's lines after the first moved right (JSON strings hold no raw line breaks). */
function indented(text: string, by: string): string {
  return text.includes("\n") ? text.replaceAll("\n", `\n${by}`) : text;
}

/** An object JSON.stringify writes key by key (no toJSON of its own, not an array). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== "function";
}
