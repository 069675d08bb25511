import { html, nothing, type TemplateResult } from "lit";
import type { SessionUser } from "../../../protocol/model";
import { t } from "../i18n";
import { requestRender, type Screen } from "./app";
import { failureText } from "./format";
import { login } from "./session-api";

/** User name and password; on success hands the user to the router. */
export class LoginScreen implements Screen {
  private busy = false;
  private error: { code: string; message: string } | undefined;

  constructor(private readonly onLoggedIn: (user: SessionUser) => void) {}

  title(): string {
    return t("login.title");
  }

  dispose(): void {}

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (username === "" || password === "") {
      this.error = { code: "VALIDATION_FAILED", message: "" };
      requestRender();
      return;
    }
    this.busy = true;
    this.error = undefined;
    requestRender();
    const answer = await login(username, password);
    this.busy = false;
    if ("error" in answer) {
      this.error = answer.error;
      requestRender();
      return;
    }
    this.onLoggedIn(answer.data);
  }

  view(): TemplateResult {
    return html`<section class="login-page">
      <form class="card login-card" data-testid="login-form" @submit=${(e: SubmitEvent) => this.submit(e)}>
        <h1>${t("app.name")}<small class="login-subtitle">${t("app.tagline")}</small></h1>
        <label>
          <span>${t("login.username")}</span>
          <input
            name="username"
            autocomplete="username"
            autocapitalize="off"
            spellcheck="false"
            data-testid="login-username"
            ?disabled=${this.busy}
          />
        </label>
        <label>
          <span>${t("login.password")}</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            data-testid="login-password"
            ?disabled=${this.busy}
          />
        </label>
        ${
          this.error
            ? html`<p class="form-error" role="alert" data-testid="login-error" data-code=${this.error.code}>
              ${failureText(this.error)}
            </p>`
            : nothing
        }
        <button class="btn btn-primary btn-lg btn-block" type="submit" data-testid="login-submit" ?disabled=${this.busy}>
          ${this.busy ? t("login.busy") : t("login.submit")}
        </button>
      </form>
    </section>`;
  }
}
