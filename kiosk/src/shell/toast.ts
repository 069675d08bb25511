import { html, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { t } from "../i18n";
import { requestRender } from "./app";

/** Short messages at the bottom of the screen that go away by themselves. */

export type ToastKind = "info" | "success" | "warning" | "error";

interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

const MAX_TOASTS = 4;
let nextId = 1;
let toasts: Toast[] = [];

export function showToast(text: string, kind: ToastKind = "info", durationMs = 6000): void {
  const toast: Toast = { id: nextId++, kind, text };
  toasts = [...toasts, toast].slice(-MAX_TOASTS);
  requestRender();
  setTimeout(() => dismissToast(toast.id), durationMs);
}

function dismissToast(id: number): void {
  const before = toasts.length;
  toasts = toasts.filter((toast) => toast.id !== id);
  if (toasts.length !== before) requestRender();
}

export function toastsView(): TemplateResult {
  return html`<div class="toasts" role="status" aria-live="polite">
    ${repeat(
      toasts,
      (toast) => toast.id,
      (toast) => html`<div class="toast toast-${toast.kind}" data-testid="toast" data-kind=${toast.kind}>
        <span>${toast.text}</span>
        <button class="toast-close" aria-label=${t("common.close")} @click=${() => dismissToast(toast.id)}>
          ×
        </button>
      </div>`,
    )}
  </div>`;
}
