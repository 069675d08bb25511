import { html, nothing, type TemplateResult } from "lit";
import type { GateSearchHit } from "../../../protocol/gate-search";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { classLabel, failureText, nameWithRelation } from "../shell/format";
import type { ScreenConnection } from "../shell/screen-connection";

/** Typing pauses this long before the server is asked, so each key does not send a search. */
const TYPING_PAUSE_MS = 250;

/**
 * The guard's search box: finds any child of the school by name, student number, class or group
 * and shows where the child is today (status, group, room) and who may collect them.
 */
export class GateSearch {
  private query = "";
  private hits: GateSearchHit[] = [];
  private error: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers may arrive out of order: only the latest query's answer is shown. */
  private asked = 0;

  constructor(private readonly connection: () => ScreenConnection) {}

  private typed(text: string): void {
    this.query = text;
    clearTimeout(this.timer);
    if (text.trim() === "") {
      this.hits = [];
      this.error = undefined;
      requestRender();
      return;
    }
    this.timer = setTimeout(() => void this.ask(text.trim()), TYPING_PAUSE_MS);
  }

  private async ask(query: string): Promise<void> {
    const mine = ++this.asked;
    const answer = await this.connection().command("gate:search", { query });
    if (mine !== this.asked) return;
    if ("error" in answer) {
      this.error = failureText(answer.error);
      this.hits = [];
    } else {
      this.error = undefined;
      this.hits = answer.data;
    }
    requestRender();
  }

  private hitView(hit: GateSearchHit): TemplateResult {
    const c = hit.child;
    const adults = hit.mayCollect
      .map((a) => nameWithRelation(a.name, a.relation))
      .join(t("gate.search.separator"));
    return html`<li class="gate-search-hit" data-testid="gate-search-hit" data-child-id=${c.childId}>
      <strong>${c.name}</strong> <span class="muted">${classLabel(c)}</span>
      <span class="chip chip-${c.status}">${hit.inCareToday ? t(`status.${c.status}`) : t("gate.search.notInCare")}</span>
      <span>${t("gate.place", { group: c.groupName, room: c.roomName })}</span>
      <br /><small>${t("gate.search.mayCollect", { adults: adults || "—" })}</small>
    </li>`;
  }

  view(): TemplateResult {
    const empty = this.query.trim() !== "" && this.hits.length === 0 && this.error === undefined;
    return html`<div class="gate-search" data-testid="gate-search">
      <input
        type="search"
        class="admin-input"
        data-testid="gate-search-input"
        placeholder=${t("gate.search.placeholder")}
        .value=${this.query}
        @input=${(e: Event) => this.typed((e.target as HTMLInputElement).value)}
      />
      ${this.error ? html`<p class="muted" role="alert">${this.error}</p>` : nothing}
      ${empty ? html`<p class="muted">${t("gate.search.none")}</p>` : nothing}
      ${this.hits.length > 0 ? html`<ul class="gate-search-hits">${this.hits.map((h) => this.hitView(h))}</ul>` : nothing}
    </div>`;
  }
}
