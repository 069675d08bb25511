import { describe, expect, it } from "vitest";
import { initI18n } from "../../kiosk/src/i18n";
import { parseRoute, routeHash } from "../../kiosk/src/shell/router";
import {
  addConsoleLine,
  badFrameReasons,
  badFrameTotal,
  MAX_CONSOLE_LINES,
  readerDrafts,
  spacedHex,
  upsertDevice,
} from "../../kiosk/src/technician/technician-state";
import type { ConsoleFrame, DeviceStatusView } from "../../protocol/technician";

const frame = (n: number): ConsoleFrame => ({
  kind: "reading",
  deviceId: "d1",
  readerId: "ttyV0",
  at: new Date(n * 1000).toISOString(),
  rawHex: "0230",
  reading: { kind: "card", cardId: String(n).padStart(10, "0") },
});

const device: DeviceStatusView = {
  deviceId: "d1",
  name: "南门",
  kind: "gate",
  online: true,
  readers: [
    {
      readerId: "ttyV0",
      profile: "generic/rdm6300",
      path: "/dev/ttyV0",
      open: true,
      framesOk: 1,
      readings: 1,
      junkBytes: 0,
      badFrames: { "framing:truncated": 1, "decoding:bad_checksum": 3 },
    },
  ],
  configuredReaders: [],
};

describe("technician screen helpers", () => {
  it("keeps the console newest first and capped", () => {
    let lines = addConsoleLine([], frame(1), 1);
    for (let i = 2; i <= MAX_CONSOLE_LINES + 10; i++) lines = addConsoleLine(lines, frame(i), i);
    expect(lines).toHaveLength(MAX_CONSOLE_LINES);
    expect(lines[0]?.seq).toBe(MAX_CONSOLE_LINES + 10);
  });

  it("prints bytes as a datasheet does and sums bad frames by reason", () => {
    expect(spacedHex("02303a0d")).toBe("02 30 3A 0D");
    expect(badFrameTotal(device.readers[0] ?? { badFrames: {} })).toBe(4);
    // In words, not the agent's codes (issue 11: "decoding:bad_checksum" on the technician page).
    initI18n("zh");
    expect(badFrameReasons(device.readers[0] ?? { badFrames: {} })).toEqual([
      "校验和错误 ×3",
      "数据不完整 ×1",
    ]);
  });

  it("replaces a device in place and starts the form from what runs when nothing is configured", () => {
    expect(upsertDevice([device], { ...device, online: false })).toEqual([{ ...device, online: false }]);
    expect(readerDrafts(device)).toEqual([
      { readerId: "ttyV0", profile: "generic/rdm6300", path: "/dev/ttyV0" },
    ]);
  });

  it("routes #/technician", () => {
    expect(parseRoute("#/technician")).toEqual({ name: "technician" });
    expect(routeHash({ name: "technician" })).toBe("#/technician");
  });
});
