import { html, nothing, type TemplateResult } from "lit";
import { currentLanguage, setLanguage, t } from "../i18n";
import { appState } from "./app";
import { clockText } from "./format";
import { serverNow } from "./server-clock";

/** The bar on top of every screen: school, screen title, clock, connection, user, language. */

export interface HeaderOptions {
  title: string;
  showHome: boolean;
  showConnection: boolean;
  onLogout: () => void;
  onLanguage: () => void;
}

function switchLanguage(onLanguage: () => void): void {
  setLanguage(currentLanguage() === "zh" ? "en" : "zh");
  onLanguage();
}

export function headerView(options: HeaderOptions): TemplateResult {
  const user = appState.user;
  const clock = clockText(serverNow());
  const state = appState.connection;
  return html`<header class="app-header" data-testid="header">
    <div class="brand">
      ${
        options.showHome
          ? html`<a class="brand-mark" href="#/" data-testid="nav-home" title=${t("common.home")}>${t("app.name")}</a>`
          : html`<span class="brand-mark">${t("app.name")}</span>`
      }
      <div class="brand-text">
        <span class="school-name" data-testid="school-name">${appState.schoolName || t("app.tagline")}</span>
        ${options.title ? html`<span class="screen-title" data-testid="screen-title">${options.title}</span>` : nothing}
      </div>
    </div>
    <div class="header-right">
      ${
        options.showConnection
          ? html`<span class="connection connection-${state}" data-testid="connection" data-state=${state}>
            <span class="dot" aria-hidden="true"></span>${t(`header.${state}`)}
          </span>`
          : nothing
      }
      <span class="clock" data-testid="clock"><strong>${clock.time}</strong><small>${clock.date}</small></span>
      ${
        user
          ? html`<span class="user" data-testid="user-name">${user.displayName}<small>${t(`role.${user.role}`)}</small></span>
            <button class="btn btn-ghost" data-testid="logout" @click=${options.onLogout}>${t("header.logout")}</button>`
          : nothing
      }
      <button
        class="btn btn-ghost lang"
        data-testid="lang-switch"
        data-lang=${currentLanguage()}
        aria-label=${t("header.langSwitchLabel")}
        @click=${() => switchLanguage(options.onLanguage)}
      >
        ${t("header.langSwitch")}
      </button>
    </div>
  </header>`;
}
