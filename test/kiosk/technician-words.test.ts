import { beforeEach, describe, expect, it } from "vitest";
import { initI18n, setLanguage } from "../../kiosk/src/i18n";
import { badFrameText, portProblemText } from "../../kiosk/src/technician/technician-state";

describe("technician errors in words (issue 11, deliverable 7)", () => {
  beforeEach(() => initI18n("en"));

  it("names skipped frames in the screen's language; an unknown reason keeps its code in brackets", () => {
    expect(badFrameText("decoding:bad_checksum")).toBe("checksum wrong");
    expect(badFrameText("framing:junk")).toBe("data that fits no frame");
    expect(badFrameText("decoding:new_reason")).toBe("unreadable data (decoding:new_reason)");
    setLanguage("zh");
    expect(badFrameText("decoding:bad_checksum")).toBe("校验和错误");
  });

  it("says what an operating-system error means, never the raw text", () => {
    expect(portProblemText("Error: Error: Permission denied, cannot open /dev/ttyUSB0")).toMatch(/dialout/);
    expect(portProblemText("Error: ENOENT: no such file or directory, open '/dev/ttyUSB1'")).toMatch(
      /unplugged/,
    );
    expect(portProblemText("Error Resource temporarily unavailable Cannot lock port")).toMatch(
      /another program/,
    );
    expect(portProblemText("something else")).not.toMatch(/something/);
  });
});
