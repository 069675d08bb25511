import { html, type TemplateResult } from "lit";
import type { AdminChildView } from "../../../protocol/admin";
import type { Ack } from "../../../protocol/errors";
import { t } from "../i18n";
import { call } from "../shell/http";
import { showToast } from "../shell/toast";
import type { AdminHost } from "./admin-panel";

/**
 * Photos for the guard's screen, in a child's detail on the admin screen: the child's and each
 * guardian's. PUT/DELETE /api/admin/photos/:kind/:id (server/http/photo-routes.ts).
 */

const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
type PhotoKind = "child" | "guardian";

function send(method: "PUT" | "DELETE", kind: PhotoKind, id: string, file?: File): Promise<Ack<unknown>> {
  return call<unknown>(method, `/api/admin/photos/${kind}/${encodeURIComponent(id)}`, file);
}

function photoLine(screen: AdminHost, kind: PhotoKind, id: string, label: string): TemplateResult {
  const upload = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (file.size > PHOTO_MAX_BYTES) {
      showToast(t("photos.tooLarge"), "error");
      return;
    }
    void screen.run(send("PUT", kind, id, file), t("photos.uploaded"));
  };
  return html`<p class="admin-photo" data-testid="admin-photo" data-kind=${kind} data-id=${id}>
    <span>${label}</span>
    <label class="btn btn-secondary">
      ${t("photos.upload")}
      <input type="file" accept="image/jpeg,image/png,image/webp" hidden @change=${upload} />
    </label>
    <button class="btn btn-ghost" @click=${() => void screen.run(send("DELETE", kind, id), t("photos.removed"))}>
      ${t("photos.remove")}
    </button>
  </p>`;
}

export function photoSection(screen: AdminHost, child: AdminChildView): TemplateResult {
  return html`<section>
    <h3>${t("photos.title")}</h3>
    <p class="muted">${t("photos.hint")}</p>
    ${photoLine(screen, "child", child.id, `${t("photos.child")}：${child.name}`)}
    ${child.guardians.map((g) => photoLine(screen, "guardian", g.id, t("common.nameRelation", g)))}
  </section>`;
}
