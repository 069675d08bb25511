import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { actingAsSomeone, currentActor, runAs, runAsUntil } from "../../server/store/change-actor";

const admin = { by: "user:u-admin admin", action: "POST /api/admin/rooms" };
const teacher = { by: "user:u-t1 teacher1", action: "room:release" };

/** Whether Node's async hooks marked a promise made now with a storage's context. */
function promisesCarryContext(): boolean {
  return Object.getOwnPropertySymbols(Promise.resolve()).length > 0;
}

describe("the change actor", () => {
  it("holds across the awaits of its work, and nobody acts once the work settles", async () => {
    const seen: string[] = [];
    await runAs(admin, async () => {
      await nextTurn();
      seen.push(currentActor().by);
    });
    expect(seen).toEqual([admin.by]);
    expect(actingAsSomeone()).toBe(false);
    expect(currentActor().by).toBe("system");
  });

  it("turns the async hooks off when no work runs as anyone (taps then pay nothing for them)", async () => {
    let during = false;
    await runAs(admin, async () => {
      await nextTurn();
      during = promisesCarryContext();
    });
    expect(during).toBe(true);
    // Node stops its promise hook a microtask after the storage is disabled.
    await nextTurn();
    expect(promisesCarryContext()).toBe(false);
  });

  it("is released by work that rejects or throws", async () => {
    await expect(
      runAs(admin, async () => {
        await nextTurn();
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(actingAsSomeone()).toBe(false);
    expect(() =>
      runAs(admin, () => {
        throw new Error("at once");
      }),
    ).toThrow("at once");
    expect(actingAsSomeone()).toBe(false);
  });

  it("keeps each of two overlapping works' own actor, until the last ends", async () => {
    let finishLong: () => void = () => undefined;
    const longGate = new Promise<void>((resolve) => {
      finishLong = resolve;
    });
    const long = runAs(admin, async () => {
      await longGate;
      return currentActor().by;
    });
    const short = await runAs(teacher, async () => {
      await nextTurn();
      return currentActor().by;
    });
    expect(short).toBe(teacher.by);
    expect(actingAsSomeone()).toBe(true);
    finishLong();
    expect(await long).toBe(admin.by);
    expect(actingAsSomeone()).toBe(false);
  });

  it("runAsUntil holds after its work returns, until it is told the work is done", async () => {
    let done: () => void = () => undefined;
    const later: Promise<string>[] = [];
    runAsUntil(
      admin,
      () => {
        // Like an HTTP route behind next(): the work goes on after the call returns.
        later.push(nextTurn().then(() => currentActor().by));
      },
      (callback) => {
        done = callback;
      },
    );
    expect(await later[0]).toBe(admin.by);
    expect(actingAsSomeone()).toBe(true);
    done();
    done();
    expect(actingAsSomeone()).toBe(false);
  });
});
