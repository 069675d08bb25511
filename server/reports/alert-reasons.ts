import type { AlertView, PickupChildOutcome } from "../../protocol";
import type { ReportLanguage } from "./labels";

/**
 * The daily record's words for why each child of a refused pickup was not requested, and who dealt
 * with the alert: one cell each, so the spreadsheet reads like the guard's screen.
 */

const OUTCOMES: Record<ReportLanguage, Record<PickupChildOutcome, string>> = {
  zh: {
    requested: "已通知老师",
    not_checked_in: "尚未签到",
    on_leave: "请假",
    already_requested: "已有人刷卡接",
    already_released: "已放行",
    already_collected: "已被接走",
    early_pickup: "未到放学时间",
    no_care_today: "今天无托管",
    not_authorised: "此人不得接走",
    possible_clone: "疑似复制卡",
    awaiting_confirmation: "待管理员确认",
  },
  en: {
    requested: "room told",
    not_checked_in: "not checked in",
    on_leave: "on leave",
    already_requested: "already asked for",
    already_released: "already released",
    already_collected: "already collected",
    early_pickup: "before dismissal",
    no_care_today: "no care today",
    not_authorised: "may not collect",
    possible_clone: "possible cloned card",
    awaiting_confirmation: "awaiting the office's confirmation",
  },
};

type Clock = (iso: string) => string;

export function alertReasonsCell(alert: AlertView, lang: ReportLanguage, clock: Clock): string {
  const lines = (alert.childOutcomes ?? []).map((c) => {
    const facts = [c.byName, c.since ? clock(c.since) : undefined, c.leaveReason, c.note].filter(Boolean);
    const detail = facts.length > 0 ? ` (${facts.join(" ")})` : "";
    return `${c.childName}: ${OUTCOMES[lang][c.outcome]}${detail}`;
  });
  if (alert.otherDeviceName) lines.unshift(`${alert.otherDeviceName} ${clock(alert.otherAt ?? "")}`);
  return lines.join("; ");
}

export function alertAckCell(alert: AlertView, clock: Clock): string {
  const ack = alert.acknowledged;
  if (!ack) return "";
  return [ack.byName, clock(ack.at), ack.note].filter(Boolean).join(" ");
}
