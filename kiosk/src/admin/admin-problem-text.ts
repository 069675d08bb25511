import type { ImportProblem } from "../../../protocol/admin";
import { t } from "../i18n";

/**
 * An import problem in the screen's language. The server sends a code and the facts
 * (server/roster/roster-problem.ts); the words live here only, in admin.problem.* of the catalogues.
 */
export function problemText(problem: Pick<ImportProblem, "problem" | "params">): string {
  return t(`admin.problem.${problem.problem}`, problem.params);
}
