import { html, nothing, type TemplateResult } from "lit";
import type { DistrictSchoolView } from "../../../protocol/district";
import type { WireError } from "../../../protocol/errors";
import { t } from "../i18n";
import { requestRender } from "./app";
import { failureText } from "./format";
import { call } from "./http";

/**
 * The district reader's start page (区教育局): the schools of the district; the one chosen is the
 * one the overview and the reports show (the server keeps the choice in a cookie).
 */
export class DistrictHome {
  private schools: DistrictSchoolView[] | undefined;
  private error: WireError | undefined;

  constructor(private readonly isDisposed: () => boolean) {
    void this.load();
  }

  private async load(): Promise<void> {
    const answer = await call<DistrictSchoolView[]>("GET", "/api/district/schools");
    if (this.isDisposed()) return;
    if ("error" in answer) this.error = answer.error;
    else {
      this.error = undefined;
      this.schools = answer.data;
    }
    requestRender();
  }

  private async choose(schoolId: string): Promise<void> {
    const answer = await call<{ id: string }>("PUT", "/api/district/school", { schoolId });
    if ("error" in answer) this.error = answer.error;
    await this.load();
  }

  view(): TemplateResult {
    const chosen = this.schools?.find((s) => s.chosen);
    return html`<div class="card home-card" data-testid="district-schools">
      <h2>${t("district.title")}</h2>
      <p class="muted">${t("district.hint")}</p>
      ${this.error ? html`<p class="form-error">${failureText(this.error)}</p>` : nothing}
      ${this.schools?.length === 0 ? html`<p class="muted">${t("district.none")}</p>` : nothing}
      <div class="group-list">
        ${(this.schools ?? []).map(
          (school) => html`<button
            class="group-link ${school.chosen ? "chosen" : ""}"
            data-testid="district-school"
            data-school-id=${school.id}
            aria-pressed=${school.chosen ? "true" : "false"}
            @click=${() => void this.choose(school.id)}
          >
            <strong>${school.name}</strong>
            <span class="muted">${school.chosen ? t("district.chosen") : t("district.choose")}</span>
          </button>`,
        )}
      </div>
      ${chosen ? html`<p data-testid="district-current">${t("district.current", { name: chosen.name })}</p>` : nothing}
    </div>`;
  }

  /** The overview and the reports open only once a school is chosen. */
  hasChosen(): boolean {
    return this.schools?.some((s) => s.chosen) ?? false;
  }
}
