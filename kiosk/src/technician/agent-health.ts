import { html, nothing, type TemplateResult } from "lit";
import type { DeviceStatusView } from "../../../protocol/technician";
import { t } from "../i18n";
import { timeOf } from "../shell/format";

type Health = NonNullable<DeviceStatusView["agent"]>;

/** A gate agent's outbox, clock, cache and offline mode, with its alarms on top. */
export function agentHealth(health: Health): TemplateResult {
  const offset = health.clockOffsetMs;
  return html`<section class="agent-health" data-testid="agent-health" data-offline=${health.offline ? "true" : "false"}>
    ${health.alarms.map(
      (alarm) =>
        html`<div class="reader-problem" data-testid="agent-alarm" data-alarm=${alarm}>
          ${t(`technician.health.alarm.${alarm}`)}
        </div>`,
    )}
    <div class="reader-facts">
      <span class="counter" data-testid="agent-outbox"
        >${t("technician.health.outbox", { depth: health.outboxDepth, limit: health.outboxLimit })}</span
      >
      ${
        health.oldestUndeliveredAt
          ? html`<small class="muted">${t("technician.health.oldest", { time: timeOf(health.oldestUndeliveredAt) })}</small>`
          : nothing
      }
      <span class="counter" data-testid="agent-clock"
        >${
          offset === undefined
            ? t("technician.health.noClock")
            : t("technician.health.clock", { seconds: (offset / 1000).toFixed(1) })
        }</span
      >
      <span class="counter" data-testid="agent-cache"
        >${
          health.cacheIssuedAt
            ? t("technician.health.cache", { time: timeOf(health.cacheIssuedAt) })
            : t("technician.health.noCache")
        }</span
      >
      ${health.offline ? html`<strong data-testid="agent-offline">${t("technician.health.offline")}</strong>` : nothing}
    </div>
  </section>`;
}
