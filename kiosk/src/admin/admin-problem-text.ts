import { t } from "../i18n";

/**
 * Import problems come from the server in English with the facts inside (server/roster/*); the
 * common ones are matched here and said again in the screen's language. Anything not matched is
 * shown as the server wrote it, which still names the value and the row.
 */
const PATTERNS: [RegExp, string, string[]][] = [
  [/^required value is empty$/, "empty", []],
  [/^grade must be .*, got (.+)$/, "grade", ["value"]],
  [/^(.+) looks like Excel's scientific notation/, "scientific", ["value"]],
  [/^not a phone number: (.+)$/, "phone", ["value"]],
  [/^not a Chinese mobile .* number: (.+)$/, "phone", ["value"]],
  [/^required column (.+) is missing$/, "missingColumn", ["column"]],
  [/^this column appears twice$/, "twice", []],
  [/^the file is empty$/, "fileEmpty", []],
  [/^the file has a header but no rows$/, "noRows", []],
  [/^child (.+) has (.+) here but (.+) on row (\d+)$/, "childDiffers", ["child", "here", "there", "row"]],
  [/^group (.+) is in (.+) on row (\d+), not (.+)$/, "groupRoom", ["group", "room", "row", "other"]],
  [/^card (\S+) is already given to (.+) \(row (\d+)\)$/, "cardGiven", ["card", "who", "row"]],
  [/^card (\S+) already belongs to (.+)$/, "cardBelongs", ["card", "who"]],
  [
    /^group (.+) would have (\d+) children, more than its capacity of (\d+)$/,
    "capacity",
    ["group", "count", "max"],
  ],
  [/^group (.+) is full: more than (\d+) children$/, "full", ["group", "max"]],
  [/^not readable as (?:CSV|an Excel \.xlsx file)/, "unreadable", []],
];

export function problemText(message: string): string {
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = match[i + 1] ?? "";
    });
    return t(`admin.problem.${key}`, params);
  }
  return message;
}
