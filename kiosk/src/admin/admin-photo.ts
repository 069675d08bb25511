import { html, type TemplateResult } from "lit";
import type { AdminChildView } from "../../../protocol/admin";
import type { Ack } from "../../../protocol/errors";
import { t } from "../i18n";
import { call } from "../shell/http";
import { showToast } from "../shell/toast";
import type { AdminHost } from "./admin-panel";

/**
 * Photos for the guard's screen, in a child's detail on the admin screen: the child's and each
 * guardian's (PUT/DELETE /api/admin/photos/:kind/:id, server/http/photo-routes.ts); the same line
 * serves the not-authorised adults' photos (server/http/barred-photo-routes.ts).
 */

const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** Whose photo a line uploads: `url` takes PUT (the file) and DELETE; kind and id name it for tests. */
export interface PhotoTarget {
  url: string;
  kind: "child" | "guardian" | "not-authorised";
  id: string;
}

function send(method: "PUT" | "DELETE", url: string, file?: File): Promise<Ack<unknown>> {
  return call<unknown>(method, url, file);
}

const rosterPhoto = (kind: "child" | "guardian", id: string): PhotoTarget => ({
  url: `/api/admin/photos/${kind}/${encodeURIComponent(id)}`,
  kind,
  id,
});

export function photoLine(screen: AdminHost, target: PhotoTarget, label: string): TemplateResult {
  const { kind, id, url } = target;
  const upload = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (file.size > PHOTO_MAX_BYTES) {
      showToast(t("photos.tooLarge"), "error");
      return;
    }
    void screen.run(send("PUT", url, file), t("photos.uploaded"));
  };
  return html`<p class="admin-photo" data-testid="admin-photo" data-kind=${kind} data-id=${id}>
    <span>${label}</span>
    <label class="btn btn-secondary">
      ${t("photos.upload")}
      <input type="file" accept="image/jpeg,image/png,image/webp" hidden @change=${upload} />
    </label>
    <button class="btn btn-ghost" @click=${() => void screen.run(send("DELETE", url), t("photos.removed"))}>
      ${t("photos.remove")}
    </button>
  </p>`;
}

export function photoSection(screen: AdminHost, child: AdminChildView): TemplateResult {
  return html`<section>
    <h3>${t("photos.title")}</h3>
    <p class="muted">${t("photos.hint")}</p>
    ${photoLine(screen, rosterPhoto("child", child.id), `${t("photos.child")}：${child.name}`)}
    ${child.guardians.map((g) => photoLine(screen, rosterPhoto("guardian", g.id), t("common.nameRelation", g)))}
  </section>`;
}
