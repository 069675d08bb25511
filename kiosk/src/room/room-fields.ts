import { html, type TemplateResult } from "lit";
import { requestRender } from "../shell/app";

/** Small form pieces shared by the care-room dialogs: big labelled inputs and choice buttons. */

export function textField(
  label: string,
  testid: string,
  value: string,
  onInput: (value: string) => void,
  extra: { type?: string; maxlength?: number; inputmode?: string; list?: string; placeholder?: string } = {},
): TemplateResult {
  return html`<label class="care-field">
    <span>${label}</span>
    <input
      data-testid=${testid}
      .value=${value}
      type=${extra.type ?? "text"}
      maxlength=${extra.maxlength ?? 60}
      inputmode=${extra.inputmode ?? "text"}
      list=${extra.list ?? ""}
      placeholder=${extra.placeholder ?? ""}
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
    />
  </label>`;
}

/** A row of large toggle buttons, one of them chosen. */
export function choiceButtons<T extends string>(
  options: readonly T[],
  chosen: T,
  label: (option: T) => string,
  testid: string,
  onChoose: (option: T) => void,
): TemplateResult {
  return html`<div class="care-choices" role="radiogroup">
    ${options.map(
      (option) => html`<button
        type="button"
        role="radio"
        aria-checked=${option === chosen ? "true" : "false"}
        class="btn ${option === chosen ? "btn-primary" : "btn-secondary"}"
        data-testid="${testid}-${option}"
        @click=${() => {
          onChoose(option);
          requestRender();
        }}
      >
        ${label(option)}
      </button>`,
    )}
  </div>`;
}

/** − n + for a head count: big targets, no keyboard needed. */
export function countStepper(
  value: number,
  testid: string,
  onChange: (value: number) => void,
): TemplateResult {
  const set = (next: number) => {
    onChange(Math.max(0, Math.min(500, next)));
    requestRender();
  };
  return html`<div class="care-stepper">
    <button type="button" class="btn btn-secondary btn-lg" data-testid="${testid}-minus" @click=${() => set(value - 1)}>−</button>
    <input
      data-testid=${testid}
      type="number"
      min="0"
      max="500"
      inputmode="numeric"
      .value=${String(value)}
      @input=${(e: Event) => set(Number((e.target as HTMLInputElement).value) || 0)}
    />
    <button type="button" class="btn btn-secondary btn-lg" data-testid="${testid}-plus" @click=${() => set(value + 1)}>+</button>
  </div>`;
}
