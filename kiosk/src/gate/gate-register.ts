import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { GateRegisterEntry } from "../../../protocol/gate";
import { t } from "../i18n";
import { classLabel, nameWithRelation, timeOf } from "../shell/format";
import { filterRegister, outsideNow, type RegisterKind } from "./gate-register-filter";

export interface RegisterActions {
  reenter(entry: GateRegisterEntry, reason: string): Promise<boolean>;
  busy(id: string): boolean;
}

/**
 * The gate register (出入登记, rule 10): every exit today with time, gate and adult, and every
 * re-entry with its reason; filterable by text and kind. A child outside can be recorded as back in.
 */
export class RegisterPanel {
  private text = "";
  private kind: RegisterKind = "all";
  /** The exit line whose re-entry form is open, and its reason so far. */
  private reentry: { entryId: string; reason: string } | undefined;

  constructor(
    private readonly actions: RegisterActions,
    private readonly rerender: () => void,
  ) {}

  view(register: readonly GateRegisterEntry[]): TemplateResult {
    const shown = filterRegister(register, this.text, this.kind);
    const outside = outsideNow(register);
    const latestExit = new Map<string, string>();
    for (const e of [...register].sort((a, b) => a.at.localeCompare(b.at))) {
      if (e.kind === "exit") latestExit.set(e.childId, e.id);
    }
    const kinds: [RegisterKind, string][] = [
      ["all", t("gateCare.register.all")],
      ["exit", t("gateCare.register.exits")],
      ["reentry", t("gateCare.register.reentries")],
    ];
    return html`<section class="panel register-panel" data-testid="register-panel">
      <div class="panel-head">
        <h2>${t("gateCare.register.title")}</h2>
        <div class="register-filters">
          <input
            type="search"
            data-testid="register-filter"
            placeholder=${t("gateCare.register.filter")}
            .value=${this.text}
            @input=${(e: Event) => {
              this.text = (e.target as HTMLInputElement).value;
              this.rerender();
            }}
          />
          <div class="segmented" role="group">
            ${kinds.map(
              ([kind, label]) =>
                html`<button
                  class="btn ${this.kind === kind ? "btn-primary" : "btn-secondary"}"
                  data-testid="register-kind-${kind}"
                  aria-pressed=${String(this.kind === kind)}
                  @click=${() => {
                    this.kind = kind;
                    this.rerender();
                  }}
                >
                  ${label}
                </button>`,
            )}
          </div>
          <span class="muted" data-testid="register-count"
            >${t("gateCare.register.count", { shown: shown.length, total: register.length })}</span
          >
        </div>
      </div>
      ${
        register.length === 0
          ? html`<p class="panel-empty" data-testid="register-empty">${t("gateCare.register.none")}</p>`
          : html`<table class="register-table" data-testid="register-table">
            <tbody>
              ${repeat(
                shown,
                (e) => e.id,
                (e) => this.row(e, outside.has(e.childId) && latestExit.get(e.childId) === e.id),
              )}
            </tbody>
          </table>`
      }
    </section>`;
  }

  private row(entry: GateRegisterEntry, canReenter: boolean): TemplateResult {
    const adult = entry.adultName ? nameWithRelation(entry.adultName, entry.adultRelation) : "";
    const detail =
      entry.kind === "exit"
        ? [adult, entry.via ? t(`gateCare.register.via.${entry.via}`) : ""].filter(Boolean).join(" · ")
        : [entry.reason ?? "", entry.byName ?? ""].filter(Boolean).join(" · ");
    const open = this.reentry?.entryId === entry.id;
    return html`<tr class="register-row register-${entry.kind}" data-testid="register-row" data-kind=${entry.kind} data-child-id=${entry.childId}>
      <td class="register-time">${timeOf(entry.at)}</td>
      <td><span class="chip register-chip-${entry.kind}">${t(`gateCare.register.${entry.kind}`)}</span></td>
      <td><strong>${entry.childName}</strong> <span class="muted">${classLabel(entry)} · ${entry.groupName}</span></td>
      <td>${detail}</td>
      <td class="muted">${entry.gateName}</td>
      <td class="register-action">
        ${canReenter && !open ? this.reenterButton(entry) : nothing} ${open ? this.reenterForm(entry) : nothing}
      </td>
    </tr>`;
  }

  private reenterButton(entry: GateRegisterEntry): TemplateResult {
    return html`<button
      class="btn btn-secondary"
      data-testid="reenter-open"
      @click=${() => {
        this.reentry = { entryId: entry.id, reason: "" };
        this.rerender();
      }}
    >
      ${t("gateCare.register.reenter")}
    </button>`;
  }

  private reenterForm(entry: GateRegisterEntry): TemplateResult {
    const draft = this.reentry;
    if (!draft) return html``;
    return html`<form
      class="reenter-form"
      @submit=${async (e: Event) => {
        e.preventDefault();
        if (await this.actions.reenter(entry, draft.reason.trim())) this.reentry = undefined;
        this.rerender();
      }}
    >
      <input
        data-testid="reenter-reason"
        maxlength="200"
        placeholder=${t("gateCare.register.reenterPlaceholder")}
        aria-label=${t("gateCare.register.reenterReason")}
        .value=${draft.reason}
        @input=${(e: Event) => {
          draft.reason = (e.target as HTMLInputElement).value;
        }}
      />
      <button class="btn btn-primary" data-testid="reenter-save" ?disabled=${this.actions.busy(entry.childId)}>
        ${t("gateCare.register.reenterSave")}
      </button>
    </form>`;
  }
}
