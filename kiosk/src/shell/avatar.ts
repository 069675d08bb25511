import { html, type TemplateResult } from "lit";

/**
 * A face on the guard's screen: the roster's photo when it has one, else a placeholder with the
 * first character of the name. Only same-origin paths are shown (the server accepts no others),
 * so the gate screen never loads anything from outside the school.
 */
export function avatar(
  photo: string | undefined,
  name: string,
  size: "small" | "large" = "small",
): TemplateResult {
  if (photo?.startsWith("/") && !photo.startsWith("//")) {
    return html`<img class="avatar avatar-${size}" src=${photo} alt=${name} loading="lazy" data-testid="avatar-photo" />`;
  }
  const initial = Array.from(name.trim())[0] ?? "?";
  return html`<span class="avatar avatar-${size} avatar-placeholder" data-testid="avatar-placeholder" aria-hidden="true"
    >${initial}</span
  >`;
}
