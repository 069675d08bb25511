import { html, nothing, type TemplateResult } from "lit";
import type { Ack } from "../../../protocol/errors";
import type { PassView } from "../../../protocol/passes";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { askConfirm } from "../shell/confirm";
import { failureText } from "../shell/format";
import { showToast } from "../shell/toast";
import { shortCodeText } from "./pass-sheet";

/**
 * The group's delegate passes for today and later, inside the room kiosk's "代接" dialog: who,
 * which children, which dates, the status; a valid or upcoming pass can be revoked (the guardian
 * called it off) and any pass's sheet shown again for reprinting.
 */

export interface PassListActions {
  list: () => Promise<Ack<PassView[]>>;
  revoke: (passId: string) => Promise<Ack<PassView>>;
  /** Shows the pass's sheet with its QR code again. */
  show: (pass: PassView) => void;
}

const REVOCABLE = new Set<PassView["status"]>(["valid", "upcoming"]);

function datesText(pass: PassView): string {
  return pass.validFrom === pass.validTo ? pass.validFrom : `${pass.validFrom} – ${pass.validTo}`;
}

export class PassListPanel {
  private passes: PassView[] | undefined;
  private error: string | undefined;
  private readonly busy = new Set<string>();
  /** Answers of an older load are dropped when a newer one was started. */
  private generation = 0;

  constructor(private readonly actions: PassListActions) {}

  async load(): Promise<void> {
    const mine = ++this.generation;
    this.error = undefined;
    requestRender();
    const answer = await this.actions.list();
    if (mine !== this.generation) return;
    if ("error" in answer) {
      this.error = failureText(answer.error);
    } else {
      this.passes = answer.data;
    }
    requestRender();
  }

  private async revoke(pass: PassView): Promise<void> {
    if (this.busy.has(pass.id)) return;
    const yes = await askConfirm(
      t("pass.revokeTitle"),
      t("pass.revokeConfirm", { name: pass.delegate.name, relation: pass.delegate.relation }),
      t("pass.revoke"),
    );
    if (!yes) return;
    this.busy.add(pass.id);
    requestRender();
    const answer = await this.actions.revoke(pass.id);
    this.busy.delete(pass.id);
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
    } else {
      showToast(t("pass.revokedToast", { name: pass.delegate.name }), "success", 3500);
    }
    await this.load();
  }

  view(): TemplateResult {
    const passes = this.passes;
    return html`<section class="pass-list" data-testid="pass-list" data-loaded=${passes !== undefined}>
      <h3>${t("pass.listTitle")}</h3>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      ${
        passes === undefined
          ? html`<p class="pass-list-empty">${t("common.loading")}</p>`
          : passes.length === 0
            ? html`<p class="pass-list-empty" data-testid="pass-list-empty">${t("pass.listEmpty")}</p>`
            : html`<ul>
              ${passes.map((pass) => this.rowView(pass))}
            </ul>`
      }
    </section>`;
  }

  private rowView(pass: PassView): TemplateResult {
    const busy = this.busy.has(pass.id);
    return html`<li class="pass-row pass-row-${pass.status}" data-testid="pass-row" data-pass-id=${pass.id} data-status=${pass.status}>
      <div class="pass-row-main">
        <strong>${t("pass.delegateLine", { name: pass.delegate.name, relation: pass.delegate.relation })}</strong>
        <span>${pass.children.map((c) => c.name).join("、")}</span>
        <small>${datesText(pass)} · <span class="mono">${shortCodeText(pass.shortCode)}</span></small>
      </div>
      <span class="pass-status pass-status-${pass.status}" data-testid="pass-row-status">
        ${t(`pass.status.${pass.status}`)}
      </span>
      <div class="pass-row-actions">
        <button type="button" class="btn btn-secondary" data-testid="pass-show" @click=${() => this.actions.show(pass)}>
          ${t("pass.showAgain")}
        </button>
        ${
          REVOCABLE.has(pass.status)
            ? html`<button
              type="button"
              class="btn btn-warning"
              data-testid="pass-revoke"
              ?disabled=${busy}
              @click=${() => void this.revoke(pass)}
            >
              ${t("pass.revoke")}
            </button>`
            : nothing
        }
      </div>
    </li>`;
  }
}
