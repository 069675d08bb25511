import { afterAll, beforeAll, describe, it } from "vitest";
import { latePickup, signOffAndReport } from "./care-day-walk/steps-evening";
import { enrol, handOver, openScreens, rollCall, type Screens } from "./care-day-walk/steps-morning";
import { delegatePickup, earlyPickup, familyPickup, refusedReuse } from "./care-day-walk/steps-pickups";
import { CareDayWorld } from "./care-day-walk/world";

/**
 * The acceptance walk of a whole care day in one school (Monday 2026-11-23, winter time), on a
 * server whose clock the walk moves and browsers whose clocks follow: enrolment in the office,
 * arrivals by card (RDM6300 frames through a real gate agent) and by touch, a leave, an
 * unexplained absence, roll call, a handover to a volunteer, an early pickup, a delegate pass, a
 * family with children in two rooms, a refused pass, a late child with logged calls, the duty
 * leader's sign-off and the day's record. Screenshots of each screen in zh and en are written to
 * test-artifacts/care-day-walk/.
 */
describe("a whole care day in one school", () => {
  const w = new CareDayWorld();
  let s: Screens;
  let passToken = "";

  beforeAll(async () => {
    await w.start();
  }, 30_000);

  afterAll(async () => {
    await w.stop();
  });

  it("1. the office enrols a child, who then appears on the room kiosk", async () => {
    s = await openScreens(w);
    await enrol(w, s.kiosk1);
  });

  it("2. roll call: cards through the agent, touch, a leave, an unexplained absence resolved", async () => {
    await rollCall(w, s);
  });

  it("3. the teacher hands the group to a parent volunteer", async () => {
    await handOver(w, s.kiosk1);
  });

  it("4a. an early pickup registered at the gate", async () => {
    await earlyPickup(w, s);
  });

  it("4b. a pickup by a delegate pass written on the kiosk", async () => {
    passToken = await delegatePickup(w, s);
  });

  it("4c. one card tap for two children in two rooms", async () => {
    await familyPickup(w, s);
  });

  it("5. the used pass shown again is refused on the gate screen", async () => {
    await refusedReuse(w, s, passToken);
  });

  it("6. a late child: on the late list, calls logged, collected later", async () => {
    await latePickup(w, s);
  });

  it("7. the duty leader signs off and the day's record shows it all", async () => {
    await signOffAndReport(w);
  });
});
