import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateOrThrow } from "../../server/store/apply-change";
import { DurableJsonFile, toJsonText } from "../../server/store/durable-json-file";
import { jsonChunks } from "../../server/store/json-chunks";
import { smallSchool } from "../domain/fixtures";
import { useTempDirs } from "./temp-dir";

const joined = (data: unknown) => [...jsonChunks(data)].join("");

describe("jsonChunks: the document's text in pieces", () => {
  it("joined, the pieces are exactly JSON.stringify(data, null, 2) and a line break", () => {
    const db = validateOrThrow(smallSchool(), "STORE_CORRUPT", "doc");
    expect(joined(db)).toBe(toJsonText(db));
    const child = db.children[0];
    if (child) child.notAuthorised = [{ name: "王某", relation: "父亲", note: '法院\n裁定 "x"' }];
    expect(joined(db)).toBe(toJsonText(db));
  });

  const odd: [string, unknown][] = [
    ["empty object", {}],
    ["empty array and object parts", { a: [], b: {}, c: [{}], d: [[]] }],
    [
      "absent and null-reading values",
      { a: undefined, b: () => 1, c: [undefined, () => 1, Number.NaN], d: null },
    ],
    ["nested arrays and objects", { a: [{ b: [1, { c: "x\ny" }] }, [2, [3]]], e: { f: { g: [] } } }],
    ["scalars at the top", { n: 1.5, s: "王子涵", t: true }],
    ["a value with toJSON", { at: new Date(0), items: [new Date(1)], gone: { toJSON: () => undefined } }],
    ["not an object at all", [1, { a: 2 }]],
    ["a string", "x"],
  ];
  it.each(odd)("%s", (_name, data) => {
    expect(joined(data)).toBe(toJsonText(data));
  });
});

describe("DurableJsonFile.writePieces", () => {
  const tempDir = useTempDirs();

  it("writes the joined text, private, with no temp file left, and returns its sha256", async () => {
    const dir = await tempDir();
    const file = new DurableJsonFile(join(dir, "wanfeng.json"));
    const db = validateOrThrow(smallSchool(), "STORE_CORRUPT", "doc");
    // Many small pieces and one far above a write's 64 KB, with characters of 1 to 4 bytes.
    const pieces = [...jsonChunks(db), "x".repeat(70_000), "晚风".repeat(40_000), "😀\n"];
    const hash = await file.writePieces(pieces);
    const text = pieces.join("");
    expect(await readFile(join(dir, "wanfeng.json"), "utf-8")).toBe(text);
    expect(hash).toBe(createHash("sha256").update(text).digest("hex"));
    expect((await stat(join(dir, "wanfeng.json"))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["wanfeng.json"]);
  });
});
