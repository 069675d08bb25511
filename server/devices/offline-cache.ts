import { offlineCacheKey, signOfflineCache } from "../../common/offline-cache-key";
import type { OfflineCache, OfflineCard, SignedOfflineCache } from "../../protocol/offline-cache";
import type { Device } from "../domain/entities";
import { custodyBars } from "../domain/gate/gate-outcome";
import type { RosterIndex } from "../domain/roster-index";

/**
 * A gate's offline cache for today: every card, usable or not, and for a guardian's card how many
 * children in care today it may collect (children barred from that adult not counted). Signed for
 * the device (common/offline-cache-key.ts). The agent still sends every tap; the server decides.
 */
export function offlineCacheFor(
  device: Device,
  roster: RosterIndex,
  day: string,
  now: Date,
): SignedOfflineCache {
  const cards: OfflineCard[] = [];
  for (const card of roster.cards.values()) {
    const holder = card.holder.kind;
    let children = 0;
    // An unconfirmed card or link collects no one (decideTap), offline either.
    if (holder === "guardian" && card.pending === undefined) {
      const barred = new Set(custodyBars(roster, card.id, card).map((b) => b.child.id));
      children = (roster.guardianshipsByGuardian.get(card.holder.id) ?? []).filter(
        (link) => roster.inCare.has(link.childId) && !barred.has(link.childId) && link.pending === undefined,
      ).length;
    }
    cards.push({ cardId: card.id, holder, active: card.status === "active", children });
  }
  const cache: OfflineCache = { deviceId: device.id, day, issuedAt: now.toISOString(), cards };
  return { cache, signature: signOfflineCache(JSON.stringify(cache), offlineCacheKey(device.tokenHash)) };
}
