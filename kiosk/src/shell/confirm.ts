import { html, nothing, type TemplateResult } from "lit";
import { t } from "../i18n";
import { requestRender } from "./app";

/** A modal yes/no question with big buttons, answered by a promise. */

interface Question {
  title: string;
  body: string;
  confirmLabel: string;
  resolve: (yes: boolean) => void;
}

let pending: Question | undefined;

export function askConfirm(title: string, body: string, confirmLabel: string): Promise<boolean> {
  pending?.resolve(false);
  return new Promise((resolve) => {
    pending = { title, body, confirmLabel, resolve };
    requestRender();
  });
}

function answer(yes: boolean): void {
  const question = pending;
  pending = undefined;
  question?.resolve(yes);
  requestRender();
}

/** Closes an open question (e.g. when the screen it belongs to goes away). */
export function cancelConfirm(): void {
  if (pending) answer(false);
}

export function confirmView(): TemplateResult | typeof nothing {
  if (!pending) return nothing;
  return html`<div class="overlay" @click=${(e: Event) => e.target === e.currentTarget && answer(false)}>
    <div class="dialog" role="alertdialog" aria-modal="true" data-testid="confirm-dialog">
      <h2>${pending.title}</h2>
      <p>${pending.body}</p>
      <div class="dialog-actions">
        <button class="btn btn-secondary btn-lg" data-testid="confirm-no" @click=${() => answer(false)}>
          ${t("common.cancel")}
        </button>
        <button class="btn btn-primary btn-lg" data-testid="confirm-yes" @click=${() => answer(true)}>
          ${pending.confirmLabel}
        </button>
      </div>
    </div>
  </div>`;
}
