import { html, nothing, type TemplateResult } from "lit";
import { t } from "../i18n";
import { requestRender } from "./app";

/**
 * Faces first (issue 10): on the guard's row a photo is shown large, and a touch enlarges it to
 * fill the screen so the guard can compare it with the face in front of them. Only same-origin
 * paths are shown, as in avatar.ts.
 */

let open: { photo: string; name: string } | undefined;

export function isLocalPhoto(photo: string | undefined): photo is string {
  return photo?.startsWith("/") === true && !photo.startsWith("//");
}

/** A large face that enlarges on touch, or nothing when there is no photo. */
export function zoomableFace(photo: string | undefined, name: string): TemplateResult | typeof nothing {
  if (!isLocalPhoto(photo)) return nothing;
  const show = () => {
    open = { photo, name };
    requestRender();
  };
  return html`<button class="face-button" data-testid="face" aria-label=${t("guard.face.enlarge", { name })} @click=${show}>
    <img class="face" src=${photo} alt=${name} loading="lazy" />
  </button>`;
}

/** The enlarged photo over the screen; a touch anywhere closes it. */
export function photoZoomView(): TemplateResult | typeof nothing {
  if (!open) return nothing;
  const close = () => {
    open = undefined;
    requestRender();
  };
  return html`<div class="overlay photo-zoom" data-testid="face-zoom" @click=${close}>
    <figure>
      <img src=${open.photo} alt=${open.name} />
      <figcaption>${open.name}</figcaption>
    </figure>
  </div>`;
}
