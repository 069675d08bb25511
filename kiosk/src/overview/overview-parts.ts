import { html, nothing, type TemplateResult } from "lit";
import {
  COUNT_KEYS,
  type GroupCounts,
  type OverviewChild,
  type OverviewFlag,
} from "../../../protocol/overview";
import { childWhere } from "../archive/archive-format";
import { t } from "../i18n";
import { timeOf } from "../shell/format";

/** The pieces of the duty leader's overview: count strips, group cards, the attention lists. */

/** Counts that need someone's attention are red when not zero. */
const ALARMING = new Set<string>(["unexplained", "late"]);

export function countsStrip(counts: GroupCounts, testid: string): TemplateResult {
  return html`<div class="ov-counts" data-testid=${testid} data-group-id=${counts.groupId}>
    ${COUNT_KEYS.map(
      (key) => html`<span
        class="ov-count ${ALARMING.has(key) && counts[key] > 0 ? "ov-count-alarm" : ""}"
        data-testid="count-${key}"
        data-value=${counts[key]}
        ><strong>${counts[key]}</strong><small>${t(`overview.counts.${key}`)}</small></span
      >`,
    )}
  </div>`;
}

export function groupCard(counts: GroupCounts): TemplateResult {
  const alarm = counts.unexplained > 0 || counts.late > 0;
  return html`<article class="card ov-group ${alarm ? "ov-group-alarm" : ""}" data-testid="group-card" data-group-id=${counts.groupId}>
    <header class="ov-group-head">
      <h3>${counts.groupName}</h3>
      ${counts.roomName ? html`<span class="muted">${counts.roomName}</span>` : nothing}
    </header>
    ${countsStrip(counts, "group-counts")}
  </article>`;
}

export function attentionList(flag: OverviewFlag, children: readonly OverviewChild[]): TemplateResult {
  return html`<section class="card ov-list ov-list-${flag}" data-testid="list-${flag}">
    <h3>${t(`overview.lists.${flag}`)} <span class="ov-list-count">${children.length}</span></h3>
    ${
      children.length === 0
        ? html`<p class="muted">${t("overview.noneInList")}</p>`
        : html`<ul>
          ${children.map(
            (c) => html`<li data-testid="list-child" data-child-id=${c.childId} data-status=${c.status}>
              <strong>${c.name}</strong>
              <span class="muted">${childWhere(c)}</span>
              ${c.since ? html`<span class="ov-since">${t("overview.since", { time: timeOf(c.since) })}</span>` : nothing}
            </li>`,
          )}
        </ul>`
    }
  </section>`;
}
