import type { ErrorCode } from "../../../protocol/errors";
import type { RoomTapNotice } from "../../../protocol/events";
import type { AdultView, ChildDayView, PassResult, TapResult } from "../../../protocol/model";
import { hasKey, speechLocale, t } from "../i18n";

/** Turns codes and records into the words a screen shows, in the current language. */

export function timeOf(iso: string | undefined): string {
  if (iso === undefined) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleTimeString(speechLocale(), { hour: "2-digit", minute: "2-digit", hour12: false });
}

export function clockText(now: Date): { time: string; date: string } {
  const locale = speechLocale();
  return {
    time: now.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", hour12: false }),
    date: now.toLocaleDateString(locale, { month: "long", day: "numeric", weekday: "short" }),
  };
}

/** "三年级2班" / "Class 3-2". A class name that is not a bare number is shown as given. */
export function classLabel(child: Pick<ChildDayView, "grade" | "className">): string {
  const className = child.className.trim();
  const gradeKey = `grade.g${child.grade}`;
  const grade = hasKey(gradeKey) ? t(gradeKey) : String(child.grade);
  if (/^\d+$/.test(className)) return t("classLabel.numbered", { grade, className });
  const bare = /^(\d+)班$/.exec(className);
  if (bare?.[1] !== undefined) return t("classLabel.numbered", { grade, className: bare[1] });
  if (className.includes("年级") || /grade|class/i.test(className)) return className;
  return t("classLabel.named", { grade, className });
}

/** Relation words as the roster stores them (Chinese or English) → catalogue keys. */
const RELATIONS: Record<string, string> = {
  妈妈: "mother",
  母亲: "mother",
  mother: "mother",
  mom: "mother",
  mum: "mother",
  爸爸: "father",
  父亲: "father",
  father: "father",
  dad: "father",
  爷爷: "grandfather_paternal",
  祖父: "grandfather_paternal",
  奶奶: "grandmother_paternal",
  祖母: "grandmother_paternal",
  外公: "grandfather_maternal",
  姥爷: "grandfather_maternal",
  外祖父: "grandfather_maternal",
  grandfather: "grandfather_paternal",
  grandpa: "grandfather_paternal",
  外婆: "grandmother_maternal",
  姥姥: "grandmother_maternal",
  外祖母: "grandmother_maternal",
  grandmother: "grandmother_paternal",
  grandma: "grandmother_paternal",
  叔叔: "uncle",
  伯伯: "uncle",
  uncle: "uncle",
  阿姨: "aunt",
  aunt: "aunt",
  舅舅: "uncle_maternal",
  姑姑: "aunt_paternal",
  哥哥: "brother",
  brother: "brother",
  姐姐: "sister",
  sister: "sister",
  保姆: "nanny",
  nanny: "nanny",
  代接: "delegate",
  代接人: "delegate",
  亲友: "delegate",
  delegate: "delegate",
  监护人: "guardian",
  guardian: "guardian",
};

export function relationLabel(relation: string): string {
  const key = RELATIONS[relation.trim().toLowerCase()] ?? RELATIONS[relation.trim()];
  return key === undefined ? relation : t(`relation.${key}`);
}

/** "周家长（妈妈）" / "Zhou (Mother)": the brackets follow the screen's language. */
export function nameWithRelation(name: string, relation: string | undefined): string {
  if (!relation) return name;
  return t("gate.withRelation", { name, relation: relationLabel(relation) });
}

export function adultLabel(adult: AdultView | undefined): string {
  if (adult === undefined) return "";
  return t("gate.adult", { relation: relationLabel(adult.relation), adult: adult.name });
}

function announcementParams(child: ChildDayView): Record<string, string> {
  return {
    name: child.name,
    className: classLabel(child),
    relation: child.requestedBy ? relationLabel(child.requestedBy.relation) : "",
    adult: child.requestedBy?.name ?? "",
    gate: child.requestGateName ?? "",
  };
}

/** A delegate with a pass is named with their own relation (舅舅…), not the word "代接". */
function delegateParams(child: ChildDayView): Record<string, string> | undefined {
  const adult = child.requestedBy;
  if (adult?.passId === undefined) return undefined;
  return { ...announcementParams(child), relation: adult.delegateRelation ?? relationLabel(adult.relation) };
}

/** The banner: "三年级2班 张三，家长（妈妈 李梅）到了". */
export function announcementText(child: ChildDayView): string {
  const delegate = delegateParams(child);
  if (delegate) return t("room.announcementDelegate", delegate);
  return t("room.announcement", announcementParams(child));
}

/** What the room kiosk says aloud. */
export function speechText(child: ChildDayView): string {
  const delegate = delegateParams(child);
  if (delegate)
    return t("room.speechDelegate", { ...delegate, gate: child.requestGateName || t("gate.title") });
  const key = child.requestGateName ? "room.speech" : "room.speechNoGate";
  return t(key, announcementParams(child));
}

export function errorText(code: ErrorCode | string): string {
  const key = `errors.${code}`;
  return hasKey(key) ? t(key) : t("errors.UNKNOWN");
}

/** A toast line for a tap that did not change a tile; undefined when nothing is worth saying. */
export function tapResultText(result: TapResult): string | undefined {
  switch (result.kind) {
    case "debounced":
      return undefined;
    case "unknown_card":
      return t("tap.unknown_card", { cardId: result.cardId });
    case "card_blocked":
      return t("tap.card_blocked", {
        cardStatus: t(`alert.cardStatus.${result.cardStatus}`),
        name: result.holderName,
      });
    case "not_applicable":
      return t(`tap.not_applicable.${result.reason}`);
    case "check_in":
      return t(`tap.check_in.${result.outcome}`, { name: result.childName });
    case "enrolled":
      return t(`tap.enrolled.${result.outcome}`, { cardId: result.cardId, name: result.holderName });
    case "pickup": {
      const lines = result.children.map((c) => t(`tap.pickup.${c.outcome}`, { name: c.childName }));
      return [t("tap.pickupBy", { guardian: result.guardianName }), ...lines].join(" · ");
    }
    case "pass":
      return passResultText(result);
    case "exit":
      return `${result.childName} · ${t(`gateCare.exitOutcome.${result.outcome}`)}`;
    case "staff":
      return t(`tap.staff.${result.action}`, { name: result.name });
  }
}

/** What the guard sees after a pass was scanned or its code typed. */
export function passResultText(result: PassResult): string {
  const head = result.delegateName ? [t("tap.passBy", { delegate: result.delegateName })] : [];
  if (result.refused) return [...head, t(`alert.passRefusal.${result.refused}`)].join(" · ");
  const lines = result.children.map((c) => t(`tap.pickup.${c.outcome}`, { name: c.childName }));
  return [...head, ...lines].join(" · ");
}

export function tapNoticeText(notice: RoomTapNotice): string | undefined {
  const text = tapResultText(notice.result);
  return text === undefined ? undefined : `${text} · ${notice.deviceName}`;
}

/** A failed Ack: the kiosk marks its own network failures with the message OFFLINE or TIMEOUT. */
export function failureText(error: { code: string; message: string }): string {
  if (error.code === "INTERNAL" && (error.message === "OFFLINE" || error.message === "TIMEOUT")) {
    return t(`errors.${error.message}`);
  }
  return errorText(error.code);
}
