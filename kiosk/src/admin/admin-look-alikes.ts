import { html, type TemplateResult } from "lit";
import type { LookAlikePair, LookAlikeView } from "../../../protocol/look-alike";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { avatar } from "../shell/avatar";
import { classLabel, failureText } from "../shell/format";
import { call } from "../shell/http";

/**
 * The office's list of children whose names could be mistaken for each other (same name, same
 * sound, one character that sounds or looks alike): to check photos are on file and to tell the
 * teachers. Read afresh on each visit.
 */
export interface LookAlikeState {
  pairs?: LookAlikePair[];
  error?: string;
}

export async function loadLookAlikes(state: LookAlikeState): Promise<void> {
  const answer = await call<LookAlikePair[]>("GET", "/api/admin/look-alikes");
  if ("error" in answer) state.error = failureText(answer.error);
  else state.pairs = answer.data;
  requestRender();
}

export function lookAlikesPanel(state: LookAlikeState): TemplateResult {
  if (state.error) return html`<p class="admin-error">${state.error}</p>`;
  if (!state.pairs) return html`<p class="muted">${t("common.loading")}</p>`;
  return html`<section class="card" data-testid="admin-look-alikes">
    <h2>${t("guard.lookAlike.listTitle")}</h2>
    <p class="muted">${t("guard.lookAlike.listHint")}</p>
    ${
      state.pairs.length === 0
        ? html`<p data-testid="look-alike-none">${t("guard.lookAlike.none")}</p>`
        : html`<ul class="look-alike-pairs">
            ${state.pairs.map(
              (p) => html`<li data-testid="look-alike-pair" data-kind=${p.kind}>
                ${side(p.a)} <span class="chip">${t(`guard.lookAlike.kind.${p.kind}`)}</span> ${side(p.b)}
              </li>`,
            )}
          </ul>`
    }
  </section>`;
}

function side(child: LookAlikeView): TemplateResult {
  return html`<span class="look-alike-other">
    ${avatar(child.photo, child.name)}
    <strong>${child.name}</strong>
    <span class="muted">${t("guard.lookAlike.where", { class: classLabel(child), group: child.groupName })}</span>
  </span>`;
}
