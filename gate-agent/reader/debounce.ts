/**
 * Collapses the repeats a reader sends while a card stays in the field. A card is suppressed while
 * its frames keep coming within `debounceMs` of the previous one (suppressed or not), so holding a
 * card for ten seconds is still one tap; after a quiet gap the same card counts again.
 *
 * Per card, not just "last card": two cards wobbling in the field alternate frames, and each of
 * them is still one tap.
 */
export class Debouncer {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly debounceMs: number) {}

  /** True when this frame is a new tap; `nowMs` is passed in so tests control time. */
  accept(cardId: string, nowMs: number): boolean {
    this.forgetOlderThan(nowMs);
    const previous = this.lastSeen.get(cardId);
    this.lastSeen.set(cardId, nowMs);
    return previous === undefined || nowMs - previous >= this.debounceMs;
  }

  private forgetOlderThan(nowMs: number): void {
    for (const [cardId, at] of this.lastSeen) {
      if (nowMs - at >= this.debounceMs) this.lastSeen.delete(cardId);
    }
  }
}
