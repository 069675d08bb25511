import { type DismissalWindowView, isWindowOpen, type ScheduleView } from "../../../protocol/schedule";
import { currentLanguage, t } from "../i18n";

/**
 * The schedule lines of the room and gate screens. Times are the school's clock times as the
 * server sent them ("16:40"), not the instants formatted in the browser's zone: a tablet set to
 * the wrong zone must still show the school's timetable. The instants are only compared with now.
 */

/** "1–2" for a run of grades, "1, 3" otherwise. */
function gradesText(grades: readonly number[]): string {
  const sorted = [...grades].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return "";
  const run = sorted.every((g, i) => g === first + i);
  return run && sorted.length > 1 ? `${first}–${last}` : sorted.join(", ");
}

/** The school's own band name in Chinese (it is written in Chinese); "Grades 1–2" in English. */
export function bandLabel(window: DismissalWindowView): string {
  if (currentLanguage() === "zh" && window.bandName !== "") return window.bandName;
  return t("schedule.grades", { grades: gradesText(window.grades) });
}

function noCareText(view: ScheduleView): string {
  const kind = t(`schedule.dayKind.${view.dayKind}`);
  return t("schedule.noCare", { reason: view.dayName ?? kind });
}

/** The room header: "放学 16:40–16:50 · 托管至 17:00"; per band when the group mixes bands. */
export function roomScheduleText(view: ScheduleView | undefined): string | undefined {
  if (view === undefined) return undefined;
  if (!view.careDay) return noCareText(view);
  if (view.windows.length === 0) return undefined;
  const single = view.windows.length === 1;
  const parts = view.windows.map((w) =>
    t(single ? "schedule.window" : "schedule.bandWindow", {
      band: bandLabel(w),
      opens: w.opens,
      closes: w.closes,
      careEnds: w.careEnds,
    }),
  );
  const text = parts.join(t("schedule.separator"));
  return view.dayKind === "swapped_workday" && view.dayName ? `${view.dayName} · ${text}` : text;
}

/**
 * The gate's line for this moment: the windows open now, else the next to open, else that
 * dismissal is over and until when care lasts, else that care has ended. Windows are [opens, closes).
 */
export function gateScheduleText(view: ScheduleView | undefined, now: Date): string | undefined {
  if (view === undefined) return undefined;
  if (!view.careDay) return noCareText(view);
  if (view.windows.length === 0) return undefined;
  const time = now.getTime();
  const open = view.windows.filter((w) => isWindowOpen(w, now));
  if (open.length > 0) {
    const list = open.map((w) =>
      t("schedule.openBand", { band: bandLabel(w), opens: w.opens, closes: w.closes }),
    );
    return t("schedule.openNow", { windows: list.join(t("schedule.separator")) });
  }
  const next = view.windows
    .filter((w) => time < Date.parse(w.opensAt))
    .sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt))[0];
  if (next) return t("schedule.next", { band: bandLabel(next), opens: next.opens });
  const last = [...view.windows].sort((a, b) => Date.parse(b.careEndsAt) - Date.parse(a.careEndsAt))[0];
  if (last && time < Date.parse(last.careEndsAt)) return t("schedule.dismissed", { careEnds: last.careEnds });
  return t("schedule.careOver", { careEnds: last?.careEnds ?? "" });
}

/** Whether a window is open now, for styling the gate line. */
export function anyWindowOpen(view: ScheduleView | undefined, now: Date): boolean {
  return (view?.windows ?? []).some((w) => isWindowOpen(w, now));
}
