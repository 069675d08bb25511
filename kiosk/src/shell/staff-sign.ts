import { html, type TemplateResult } from "lit";
import type { StaffStatusView } from "../../../protocol/admin";
import { t } from "../i18n";
import { requestRender } from "./app";
import { failureText, timeOf } from "./format";
import { getStaffStatus, staffSign } from "./session-api";
import { showToast } from "./toast";

/**
 * The home page's attendance card (考勤) for care staff without a staff card at hand: signs the
 * logged-in person in or out, the same as tapping a staff card at a reader.
 */

let status: StaffStatusView | undefined;
/** Read once per page load; the toggle keeps it current after that. */
let requested = false;
let busy = false;

async function load(): Promise<void> {
  const answer = await getStaffStatus();
  if ("data" in answer) status = answer.data;
  requestRender();
}

async function toggle(): Promise<void> {
  busy = true;
  requestRender();
  const answer = await staffSign(status?.signedIn ? "out" : "in");
  busy = false;
  if ("error" in answer) showToast(failureText(answer.error), "error");
  else {
    status = answer.data;
    showToast(
      t(status.signedIn ? "admin.attendance.signedIn" : "admin.attendance.signedOut"),
      "success",
      3000,
    );
  }
  requestRender();
}

export function staffSignCard(): TemplateResult {
  if (!requested) {
    requested = true;
    void load();
  }
  const signedIn = status?.signedIn === true;
  return html`<div class="card home-card" data-testid="staff-sign-card" data-signed-in=${signedIn}>
    <h2>${t("admin.staffSign.title")}</h2>
    <p class="muted">
      ${
        status === undefined
          ? t("common.loading")
          : signedIn
            ? t("admin.staffSign.since", { time: timeOf(status.since) })
            : t("admin.staffSign.out")
      }
    </p>
    <button
      class="btn ${signedIn ? "btn-secondary" : "btn-primary"} btn-lg"
      data-testid="staff-sign-toggle"
      ?disabled=${status === undefined || busy}
      @click=${() => void toggle()}
    >
      ${signedIn ? t("admin.staffSign.signOut") : t("admin.staffSign.signIn")}
    </button>
  </div>`;
}
