import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openFileJournal } from "../../server/store/file-journal";
import { captureLogger } from "./capture-log";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();
const writerScript = fileURLToPath(new URL("./fixtures/journal-writer.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

describe("file journal under SIGKILL", () => {
  it("keeps every acknowledged event", async () => {
    const dir = await tempDir();
    // node --import tsx rather than `npx tsx`: npx and the tsx CLI each add a parent process, and
    // SIGKILL on a parent would leave the real writer running on.
    const child = spawn(process.execPath, ["--import", "tsx", writerScript, dir], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );

    const acknowledged: string[] = [];
    let buffered = "";
    await new Promise<void>((resolve, reject) => {
      child.on("exit", () => reject(new Error(`writer exited early: ${stderr}`)));
      child.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        acknowledged.push(...lines);
        if (acknowledged.length >= 300) {
          // Kill right now, in the middle of the stream of appends.
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    expect(await exited).toBe("SIGKILL");

    const journal = await openFileJournal(dir, { log: captureLogger().log });
    const ids = (await journal.readDay("2025-03-04")).map((e) => e.id);
    await journal.close();
    const present = new Set(ids);
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
