import { html, nothing, type TemplateResult } from "lit";
import QRCode from "qrcode";
import type { Ack } from "../../../protocol/errors";
import type { ChildDayView } from "../../../protocol/model";
import type { PassCreate, PassView } from "../../../protocol/passes";
import { t } from "../i18n";
import { appState, requestRender } from "../shell/app";
import { classLabel, failureText } from "../shell/format";
import { type PassListActions, PassListPanel } from "./pass-list";
import { passSheet } from "./pass-sheet";

/**
 * The room kiosk's "代接" dialog: a form for a delegate the guardian announced, then the pass
 * with its QR code, ready to print or to photograph for the delegate's phone.
 */

const RELATIONS = [
  "舅舅",
  "姑姑",
  "阿姨",
  "叔叔",
  "爷爷",
  "奶奶",
  "外公",
  "外婆",
  "哥哥",
  "姐姐",
  "邻居",
  "朋友",
];

interface Form {
  name: string;
  relation: string;
  idLast4: string;
  phone: string;
  childIds: Set<string>;
  validFrom: string;
  validTo: string;
}

type Sender = (command: PassCreate) => Promise<Ack<PassView>>;
/** The group's passes, listed and revoked below the form. */
type ListCommands = Omit<PassListActions, "show">;

export class PassDialog {
  private form: Form | undefined;
  private children: ChildDayView[] = [];
  private pass: PassView | undefined;
  private qr: string | undefined;
  private busy = false;
  private error: string | undefined;
  private readonly list: PassListPanel;

  constructor(
    private readonly send: Sender,
    commands: ListCommands,
  ) {
    this.list = new PassListPanel({ ...commands, show: (pass) => this.show(pass) });
  }

  get isOpen(): boolean {
    return this.form !== undefined || this.pass !== undefined;
  }

  open(children: readonly ChildDayView[], today: string): void {
    this.children = [...children];
    this.form = {
      name: "",
      relation: "",
      idLast4: "",
      phone: "",
      childIds: new Set(),
      validFrom: today,
      validTo: "",
    };
    this.pass = undefined;
    this.qr = undefined;
    this.error = undefined;
    void this.list.load();
    requestRender();
  }

  /** The sheet of a listed pass again, to reprint it; closing it returns to the form and the list. */
  private show(pass: PassView): void {
    this.pass = pass;
    this.qr = undefined;
    void this.drawQr(pass.token);
    requestRender();
  }

  close(): void {
    this.form = undefined;
    this.pass = undefined;
    requestRender();
  }

  view(): TemplateResult | typeof nothing {
    if (this.pass) return this.sheetView(this.pass);
    if (this.form) return this.formView(this.form);
    return nothing;
  }

  private async submit(form: Form): Promise<void> {
    if (!form.name.trim() || !form.relation.trim() || !form.phone.trim() || form.childIds.size === 0) {
      this.error = t("pass.missing");
      requestRender();
      return;
    }
    this.busy = true;
    this.error = undefined;
    requestRender();
    const answer = await this.send({
      delegate: {
        name: form.name.trim(),
        relation: form.relation.trim(),
        phone: form.phone.trim(),
        ...(form.idLast4.trim() ? { idLast4: form.idLast4.trim() } : {}),
      },
      childIds: [...form.childIds],
      validFrom: form.validFrom,
      ...(form.validTo && form.validTo !== form.validFrom ? { validTo: form.validTo } : {}),
    });
    this.busy = false;
    if ("error" in answer) {
      this.error = failureText(answer.error);
    } else {
      this.form = undefined;
      this.pass = answer.data;
      void this.drawQr(answer.data.token);
    }
    requestRender();
  }

  private async drawQr(token: string): Promise<void> {
    // Error correction M: survives a crease or a smudge on paper; the token is short, so modules stay big.
    const qr = await QRCode.toDataURL(token, { errorCorrectionLevel: "M", margin: 2, width: 360 });
    if (this.pass?.token === token) this.qr = qr;
    requestRender();
  }

  private formView(form: Form): TemplateResult {
    const text = (key: keyof Form, label: string, testid: string, extra: Record<string, string> = {}) =>
      html`<label class="pass-field">
        <span>${label}</span>
        <input
          data-testid=${testid}
          .value=${String(form[key])}
          placeholder=${extra.placeholder ?? ""}
          inputmode=${extra.inputmode ?? "text"}
          maxlength=${extra.maxlength ?? "40"}
          list=${extra.list ?? ""}
          type=${extra.type ?? "text"}
          @input=${(e: Event) => {
            (form as unknown as Record<string, string>)[key] = (e.target as HTMLInputElement).value;
          }}
        />
      </label>`;
    const toggle = (childId: string, on: boolean) => {
      if (on) form.childIds.add(childId);
      else form.childIds.delete(childId);
      requestRender();
    };
    return html`<div class="overlay pass-overlay">
      <form
        class="dialog pass-dialog"
        role="dialog"
        aria-modal="true"
        data-testid="pass-form"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit(form);
        }}
      >
        <h2>${t("pass.formTitle")}</h2>
        <p class="pass-hint">${t("pass.formHint")}</p>
        <div class="pass-grid">
          ${text("name", t("pass.delegateName"), "pass-name")}
          ${text("relation", t("pass.relation"), "pass-relation", { placeholder: t("pass.relationPlaceholder"), list: "pass-relations", maxlength: "20" })}
          ${text("phone", t("pass.phone"), "pass-phone", { inputmode: "tel", maxlength: "20", type: "tel" })}
          ${text("idLast4", t("pass.idLast4"), "pass-id-last4", { maxlength: "4" })}
          ${text("validFrom", t("pass.validFrom"), "pass-valid-from", { type: "date" })}
          ${text("validTo", t("pass.validTo"), "pass-valid-to", { type: "date" })}
        </div>
        <datalist id="pass-relations">${RELATIONS.map((r) => html`<option value=${r}></option>`)}</datalist>
        <fieldset class="pass-children" data-testid="pass-children-select">
          <legend>${t("pass.children")}</legend>
          ${this.children.map(
            (c) => html`<label class="pass-child-option">
              <input
                type="checkbox"
                data-testid="pass-child"
                data-child-id=${c.childId}
                .checked=${form.childIds.has(c.childId)}
                @change=${(e: Event) => toggle(c.childId, (e.target as HTMLInputElement).checked)}
              />
              <span><strong>${c.name}</strong> <small>${classLabel(c)}</small></span>
            </label>`,
          )}
        </fieldset>
        ${this.error ? html`<p class="form-error" role="alert" data-testid="pass-error">${this.error}</p>` : nothing}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary btn-lg" data-testid="pass-cancel" @click=${() => this.close()}>
            ${t("common.cancel")}
          </button>
          <button type="submit" class="btn btn-primary btn-lg" data-testid="pass-submit" ?disabled=${this.busy}>
            ${this.busy ? t("pass.creating") : t("pass.create")}
          </button>
        </div>
        ${this.list.view()}
      </form>
    </div>`;
  }

  private sheetView(pass: PassView): TemplateResult {
    return html`<div class="overlay pass-overlay">
      <div class="pass-print-area" role="dialog" aria-modal="true">
        ${passSheet(pass, this.qr, appState.schoolName)}
        <div class="dialog-actions pass-actions">
          <button class="btn btn-secondary btn-lg" data-testid="pass-close" @click=${() => this.close()}>
            ${t("common.close")}
          </button>
          <button
            class="btn btn-secondary btn-lg"
            data-testid="pass-new"
            @click=${() => this.open(this.children, pass.validFrom)}
          >
            ${t("pass.newPass")}
          </button>
          <button class="btn btn-primary btn-lg" data-testid="pass-print" @click=${() => window.print()}>
            ${t("pass.print")}
          </button>
        </div>
      </div>
    </div>`;
  }
}
