import { describe, expect, it } from "vitest";
import type { StoreChange } from "../../server/ports/changes";
import { createMemoryStore, openDocumentStore } from "../../server/store/lowdb-store";
import type { DocumentStore } from "../../server/store/schema";
import { useTempDirs } from "./temp-dir";

// The store tells its listeners what kind of data changed, after its own writes and after
// another process's; nobody has to remember to call a "changed" method.

const tempDir = useTempDirs();

function record(store: DocumentStore): { changes: StoreChange[]; stop: () => void } {
  const changes: StoreChange[] = [];
  const stop = store.onChange((change) => changes.push(change));
  return { changes, stop };
}

const kindsOf = (changes: readonly StoreChange[]) => changes.map((c) => [...c.kinds].sort());

describe("store change announcements", () => {
  it("a write announces the kinds it changed, once it can be read", async () => {
    const store = createMemoryStore();
    let seen: string[] = [];
    store.onChange(() => {
      seen = store.read().rooms.map((r) => r.id);
    });
    const { changes } = record(store);
    await store.update((db) => {
      db.rooms.push({ id: "r1", name: "Room 1" });
      db.settings.schoolName = "Renamed";
    });
    expect(kindsOf(changes)).toEqual([["roster", "settings"]]);
    expect(changes[0]?.external).toBe(false);
    expect(seen).toEqual(["r1"]);
  });

  it("a write that changes nothing, or fails, announces nothing", async () => {
    const store = createMemoryStore();
    const { changes } = record(store);
    await store.update(() => {});
    await expect(
      store.update((db) => {
        db.settings.debounceMs = -1;
      }),
    ).rejects.toThrow();
    expect(changes).toEqual([]);
  });

  it("a file store announces its own writes and another process's change, marked external", async () => {
    const dir = await tempDir();
    const a = await openDocumentStore(dir);
    const b = await openDocumentStore(dir, { watchDebounceMs: 10 });
    const { changes, stop } = record(b);
    await b.update((db) => {
      db.sessions.push({ tokenHash: "h", userId: "u", expiresAt: "2030-01-01T00:00:00Z" });
    });
    const external = new Promise<void>((resolve) => {
      const off = b.onChange((change) => {
        if (!change.external) return;
        off();
        resolve();
      });
    });
    await a.update((db) => {
      db.rooms.push({ id: "other", name: "Other room" });
    });
    await external;
    stop();
    expect(changes.map((c) => ({ kinds: [...c.kinds], external: c.external }))).toEqual([
      { kinds: ["sessions"], external: false },
      { kinds: ["roster"], external: true },
    ]);
  });
});
