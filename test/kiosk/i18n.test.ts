import { describe, expect, it } from "vitest";
import { en } from "../../kiosk/src/i18n/en";
import { zh } from "../../kiosk/src/i18n/zh";
import { ERROR_CODES } from "../../protocol/errors";
import {
  ALERT_KINDS,
  CHECK_IN_OUTCOMES,
  CHILD_STATUSES,
  PICKUP_CHILD_OUTCOMES,
  ROLES,
} from "../../protocol/model";

/** Every key path with its string, e.g. ["status.expected", "未到"]. */
function leaves(value: unknown, prefix = ""): [string, unknown][] {
  if (typeof value !== "object" || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

const zhLeaves = new Map(leaves(zh));
const enLeaves = new Map(leaves(en));

describe("kiosk catalogues", () => {
  it("have exactly the same keys", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  it.each([
    ["zh", zhLeaves],
    ["en", enLeaves],
  ])("%s has only non-empty strings", (_name, catalogue) => {
    for (const [key, text] of catalogue) {
      expect(typeof text, key).toBe("string");
      expect(String(text).trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of zhLeaves) {
      expect(placeholders(enLeaves.get(key)), key).toEqual(placeholders(text));
    }
  });

  it("translate every error code, status, role, alert kind and tap outcome of the protocol", () => {
    const needed = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...CHILD_STATUSES.map((s) => `status.${s}`),
      ...ROLES.map((r) => `role.${r}`),
      ...ALERT_KINDS.map((k) => `alert.kind.${k}`),
      ...CHECK_IN_OUTCOMES.map((o) => `tap.check_in.${o}`),
      ...PICKUP_CHILD_OUTCOMES.map((o) => `tap.pickup.${o}`),
    ];
    for (const key of needed) expect(zhLeaves.has(key), key).toBe(true);
  });

  it("say what the product calls the statuses in Chinese", () => {
    expect(zh.status).toEqual({
      expected: "未到",
      checked_in: "已签到",
      on_leave: "请假",
      pickup_requested: "家长已到",
      released: "已放行",
      collected: "已接走",
    });
    expect(zh.alert.kind.unknown_card).toBe("未知卡");
    expect(zh.alert.kind.card_blocked).toBe("挂失/注销卡");
  });
});
