import { addUser } from "../../server/auth/users";
import type { TestSchool } from "../support/server-harness";
import { cardTap, PASSWORD } from "../support/server-harness";

/** The duty leader's login, added to the test school (the shared harness has the other roles). */
export async function addLeader(school: TestSchool): Promise<void> {
  await addUser(school.store, {
    username: "leader",
    displayName: "周校长",
    role: "leader",
    password: PASSWORD,
  });
}

/** A settable clock for the server: the test moves through the afternoon. */
export function testClock(start: string): { clock: () => Date; set(iso: string): void } {
  let now = new Date(start);
  return {
    clock: () => now,
    set(iso: string) {
      now = new Date(iso);
    },
  };
}

/** A tap at the server's time, so it belongs to the school day under test whatever the real date. */
export function tapAt(cardId: string, now: Date) {
  return { ...cardTap(cardId), at: now.toISOString() };
}
