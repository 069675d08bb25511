import { html, nothing, type TemplateResult } from "lit";
import type { AlertView } from "../../../protocol/model";
import { zoomableFace } from "../shell/photo-zoom";

/**
 * On the guard's open custody alert: the barred adult's face, large and enlarged on touch, to
 * compare with whoever holds the card. Only on the gate screen, which shows the enlarged photo.
 */
export function custodyAlertFace(alert: AlertView): TemplateResult | typeof nothing {
  if (alert.kind !== "custody_refused") return nothing;
  const face = zoomableFace(alert.holderPhoto, alert.holderName ?? "");
  return face === nothing ? nothing : html`<div class="alert-face" data-testid="alert-face">${face}</div>`;
}
