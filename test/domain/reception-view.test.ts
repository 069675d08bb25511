import { beforeEach, describe, expect, it } from "vitest";
import { initI18n } from "../../kiosk/src/i18n";
import { tileStatus } from "../../kiosk/src/room/child-tile";
import { replay } from "../../server/domain/day-state";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { childView } from "../../server/domain/views";
import { ev } from "../reports/recorded-day";
import { DAY, smallSchool } from "./fixtures";

describe("a late child moved to the reception room (issue 11)", () => {
  beforeEach(() => initI18n("zh"));

  it("shows on the room kiosk as in the reception room, not 已签到", () => {
    const roster = buildRosterIndex(smallSchool(), DAY);
    const state = replay(DAY, [ev.checkIn("c3", "15:40"), ev.reception("c3", "17:05")]);
    const view = childView(roster, state, "c3");
    expect(view).toMatchObject({ status: "checked_in", receptionRoom: expect.any(String) });
    expect(view && tileStatus(view)).toBe(`在${view?.receptionRoom}`);
    const stayed = childView(roster, replay(DAY, [ev.checkIn("c1", "15:40")]), "c1");
    expect(stayed && tileStatus(stayed)).toBe("已签到");
  });
});
