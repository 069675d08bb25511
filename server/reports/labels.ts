import type { Attendance, ChildStatus } from "../../protocol";

/**
 * The words of the spreadsheet exports. Screens translate in the kiosk; a CSV or Excel file is
 * made on the server and opened in Excel, so its headers are written here in both languages.
 */
export const REPORT_LANGUAGES = ["zh", "en"] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export interface Labels {
  daily: string[];
  monthly: string[];
  monthlyGroups: string[];
  alerts: string[];
  register: string[];
  registerKinds: { exit: string; reentry: string };
  signOff: string[];
  status: Record<ChildStatus, string>;
  attendance: Record<Attendance, string>;
  /** Alert kinds by code; a kind added later shows its code until it gets words here. */
  alertKinds: Partial<Record<string, string>>;
  yes: string;
  sheets: {
    record: string;
    register: string;
    alerts: string;
    signOff: string;
    children: string;
    groups: string;
  };
  signOffRows: {
    signedBy: string;
    signedAt: string;
    note: string;
    notSigned: string;
    amendment: string;
    headHash: string;
  };
  /** The late follow-up column: reception and each call, as one line of text. */
  lateSteps: { movedTo: string; called: string; reached: string; notReached: string };
}

const zh: Labels = {
  daily: [
    "日期",
    "托管小组",
    "教室",
    "学号",
    "姓名",
    "年级",
    "班级",
    "出勤",
    "签到时间",
    "请假原因",
    "请假人",
    "缺勤说明",
    "家长到达",
    "放行时间",
    "接走时间",
    "接送人",
    "关系",
    "托管结束",
    "晚接",
    "晚接分钟",
    "晚接处理（接待室、联系家长）",
    "补录",
  ],
  monthly: [
    "月份",
    "托管小组",
    "学号",
    "姓名",
    "年级",
    "班级",
    "托管天数",
    "请假",
    "无故缺勤",
    "晚接",
    "平均接走时间",
  ],
  monthlyGroups: ["月份", "托管小组", "教室", "托管人次", "请假", "无故缺勤", "晚接", "平均接走时间"],
  alerts: ["时间", "类型", "级别", "设备", "卡号", "持卡人", "原因", "处理"],
  register: ["时间", "学生", "托管小组", "登记", "接送人", "关系", "校门", "原因", "登记人"],
  registerKinds: { exit: "离校", reentry: "返校" },
  signOff: ["项目", "内容"],
  status: {
    expected: "未到",
    checked_in: "已签到",
    on_leave: "请假",
    pickup_requested: "家长已到",
    released: "已放行",
    collected: "已接走",
  },
  attendance: {
    present: "出勤",
    on_leave: "请假",
    unexplained: "无故缺勤",
    absent: "缺勤（已说明）",
    not_arrived: "未到",
    no_care: "无托管",
  },
  alertKinds: {
    unknown_card: "未知卡",
    card_blocked: "挂失/注销卡",
    pickup_refused: "接送被拒",
    pass_refused: "代接凭证无效",
    possible_clone: "疑似复制卡",
  },
  yes: "是",
  lateSteps: { movedTo: "移至", called: "致电", reached: "已接通", notReached: "未接通" },
  sheets: {
    record: "托管日志",
    register: "校门登记",
    alerts: "告警",
    signOff: "签字",
    children: "学生",
    groups: "小组",
  },
  signOffRows: {
    signedBy: "带班领导签字",
    signedAt: "签字时间",
    note: "备注",
    notSigned: "未签字",
    amendment: "补录",
    headHash: "记录校验值（哈希链）",
  },
};

const en: Labels = {
  daily: [
    "Date",
    "Group",
    "Room",
    "Student no.",
    "Name",
    "Grade",
    "Class",
    "Attendance",
    "Checked in",
    "Leave reason",
    "Leave asked by",
    "Absence note",
    "Adult arrived",
    "Released",
    "Collected",
    "Collected by",
    "Relation",
    "Care ends",
    "Late",
    "Minutes late",
    "Late follow-up (reception, calls)",
    "Amended",
  ],
  monthly: [
    "Month",
    "Group",
    "Student no.",
    "Name",
    "Grade",
    "Class",
    "Days in care",
    "Leaves",
    "Unexplained",
    "Late pickups",
    "Average pickup",
  ],
  monthlyGroups: [
    "Month",
    "Group",
    "Room",
    "Child-days",
    "Leaves",
    "Unexplained",
    "Late pickups",
    "Average pickup",
  ],
  alerts: ["Time", "Kind", "Severity", "Device", "Card", "Holder", "Reason", "Dealt with"],
  register: ["Time", "Child", "Group", "Entry", "Adult", "Relation", "Gate", "Reason", "Recorded by"],
  registerKinds: { exit: "Exit", reentry: "Re-entry" },
  signOff: ["Item", "Value"],
  status: {
    expected: "Not arrived",
    checked_in: "Checked in",
    on_leave: "On leave",
    pickup_requested: "Adult at gate",
    released: "Released",
    collected: "Collected",
  },
  attendance: {
    present: "Present",
    on_leave: "On leave",
    unexplained: "Unexplained",
    absent: "Absent (explained)",
    not_arrived: "Not arrived",
    no_care: "No care",
  },
  alertKinds: {
    unknown_card: "Unknown card",
    card_blocked: "Lost/revoked card",
    pickup_refused: "Pickup refused",
    pass_refused: "Delegate pass refused",
    possible_clone: "Possible cloned card",
  },
  yes: "yes",
  lateSteps: { movedTo: "moved to", called: "called", reached: "reached", notReached: "not reached" },
  sheets: {
    record: "Care record",
    register: "Gate register",
    alerts: "Alerts",
    signOff: "Sign-off",
    children: "Children",
    groups: "Groups",
  },
  signOffRows: {
    signedBy: "Signed off by",
    signedAt: "Signed at",
    note: "Note",
    notSigned: "Not signed off",
    amendment: "Amendment",
    headHash: "Record hash (chain head)",
  },
};

export const LABELS: Record<ReportLanguage, Labels> = { zh, en };
