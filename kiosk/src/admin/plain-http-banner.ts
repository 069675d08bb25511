import { html, nothing, type TemplateResult } from "lit";
import { t } from "../i18n";

/**
 * Above every tab of the administration screen while the server answers plain HTTP on the
 * network (issue 12): the office is the one who can get a technician to switch HTTPS on.
 */
export function plainHttpBanner(plainHttpOnNetwork: boolean | undefined): TemplateResult | typeof nothing {
  if (!plainHttpOnNetwork) return nothing;
  return html`<div class="admin-warning" role="alert" data-testid="plain-http-banner">
    <strong>${t("admin.plainHttp.title")}</strong>
    <p>${t("admin.plainHttp.why")}</p>
    <p>${t("admin.plainHttp.fix")}</p>
    <pre>wanfeng tls init
wanfeng start --tls</pre>
  </div>`;
}
