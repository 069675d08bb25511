import { createLogger } from "../../common/log";
import { WanfengError } from "../../protocol";
import { applyEvent, type DayState } from "../domain/day-state";
import type { DayEvent, EventJournal, JournalConflictError, SequencedEvent } from "../domain/events";
import { isJournalConflict } from "../domain/events";

const log = createLogger("day-ledger");

/** Decisions re-made after losing a race to another node before the caller is told to retry. */
export const MAX_DECIDE_ATTEMPTS = 5;

/** A pure decision on the day's state: what to answer, and the events that record it. */
export type Decide<T> = (state: DayState) => { result: T; events: readonly DayEvent[] };

export interface SubmitOptions<T> {
  /** Some of the events are recorded already on another day (a tap retried after midnight): the answer then. */
  recordedElsewhere?: (result: T) => T;
}

export interface DayLedgerDeps {
  journal: EventJournal;
  /** The day's state from its events as read from the journal (with what earlier days add). */
  rebuild: (day: string, events: readonly DayEvent[]) => Promise<DayState>;
  /** Told about events once they are durable and folded in, in journal order, each once. */
  publish: (events: readonly DayEvent[]) => void;
}

interface Queued {
  decide: Decide<unknown>;
  options: SubmitOptions<unknown>;
  resolve: (result: unknown) => void;
  reject: (err: unknown) => void;
}

interface Decided {
  item: Queued;
  result: unknown;
  events: readonly DayEvent[];
}

type Task = { kind: "decide"; item: Queued } | { kind: "run"; run: () => Promise<void> };

/**
 * The fold of one school-day and the only way to change it (docs/decisions.md "Several nodes").
 * Work runs one task at a time in this process: decisions that arrive while an append is being
 * written wait and then go together, each decided on the state the previous one left, and are
 * appended in one write at the seq they were decided from. Only a successful append makes them
 * final; if another node appended first the state is rebuilt from the journal (its events are
 * published), and the batch is decided again. A journal notice of another node's append catches
 * the fold up the same way, in turn with the decisions.
 */
export class DayLedger {
  #state: DayState;
  #seq: number;
  readonly #tasks: Task[] = [];
  #running: Promise<void> | undefined;
  /** The round of decisions being decided and written now. */
  #round: Promise<unknown> = Promise.resolve();
  /** A failed write left folds the journal may not hold, and reading it back failed too. */
  #stale = false;

  constructor(
    private readonly deps: DayLedgerDeps,
    state: DayState,
    seq: number,
  ) {
    this.#state = state;
    this.#seq = seq;
  }

  static async open(deps: DayLedgerDeps, day: string): Promise<DayLedger> {
    const events = await deps.journal.readDay(day);
    return new DayLedger(deps, await deps.rebuild(day, events), events.length);
  }

  /** The state, including decisions being written (as the next decision sees it). */
  get state(): DayState {
    return this.#state;
  }

  /** How many events of the day are folded in and durable. */
  get seq(): number {
    return this.#seq;
  }

  /** Resolves with the decision's result once its events are durable (or it made none). */
  submit<T>(decide: Decide<T>, options: SubmitOptions<T> = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const item: Queued = {
        decide,
        options: options as SubmitOptions<unknown>,
        resolve: resolve as (result: unknown) => void,
        reject,
      };
      this.#push({ kind: "decide", item });
    });
  }

  /** Folds in what the journal holds beyond this fold (another node's appends). */
  catchUp(): Promise<void> {
    return this.#exclusive(async () => {
      if (this.#stale) return void (await this.#reread());
      const rows = await readSince(this.deps.journal, this.#state.day, this.#seq);
      this.#foldForeign(rows);
    });
  }

  /** Starts another day (midnight): its state read from the journal, after the work queued before. */
  switchDay(day: string): Promise<void> {
    return this.#exclusive(async () => {
      const events = await this.deps.journal.readDay(day);
      this.#state = await this.deps.rebuild(day, events);
      this.#seq = events.length;
    });
  }

  /** Resolves when the round being written is done: a decision seen in the state is durable by then. */
  async settled(): Promise<void> {
    await this.#round;
  }

  #exclusive(run: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#push({ kind: "run", run: () => run().then(resolve, reject) });
    });
  }

  #push(task: Task): void {
    this.#tasks.push(task);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  async #drain(): Promise<void> {
    for (let task = this.#tasks[0]; task !== undefined; task = this.#tasks[0]) {
      if (task.kind === "run") {
        this.#tasks.shift();
        await task.run().catch(() => undefined);
        continue;
      }
      await this.#rounds();
    }
  }

  /**
   * Rounds of decisions while decisions wait at the head of the queue. A round's updates are built
   * and its callers answered (both leave in microtasks), and in the same turn the next round is
   * decided and its append started: its write is on the disk while the last round's messages are
   * sent, as a relay writes its next batch before relaying the last. The next round is decided only
   * after the updates are built, so they show no decision that is not durable yet.
   */
  async #rounds(): Promise<void> {
    for (let batch = this.#takeDecisions(); batch.length > 0; batch = this.#takeDecisions()) {
      const round = this.#commit(batch);
      this.#round = round;
      this.#deliver(await round);
    }
  }

  #takeDecisions(): Queued[] {
    const batch: Queued[] = [];
    while (this.#tasks[0]?.kind === "decide") batch.push((this.#tasks.shift() as { item: Queued }).item);
    return batch;
  }

  #deliver(durable: readonly Decided[]): void {
    for (const d of durable) {
      if (d.events.length > 0) this.deps.publish(d.events);
      d.item.resolve(d.result);
    }
  }

  /** Decides and appends a round; resolves with its durable decisions, not yet delivered. */
  async #commit(batch: Queued[]): Promise<Decided[]> {
    if (this.#stale && !(await this.#reread())) {
      const failed = new WanfengError("STORE_WRITE_FAILED", "the journal cannot be read");
      for (const item of batch) item.reject(failed);
      return [];
    }
    let waiting = batch;
    for (let attempt = 1; waiting.length > 0; attempt++) {
      if (attempt > MAX_DECIDE_ATTEMPTS) {
        log.warn({ decisions: waiting.length }, "the day kept moving on under these decisions: refused");
        const busy = new WanfengError("STORE_WRITE_FAILED", "the day changed meanwhile; try again");
        for (const item of waiting) item.reject(busy);
        return [];
      }
      const from = this.#seq;
      const decided = this.#decideAll(waiting);
      const events = decided.flatMap((d) => d.events);
      try {
        if (events.length > 0) await this.deps.journal.append(events, { expectedSeq: from });
      } catch (err) {
        if (!isJournalConflict(err)) {
          await this.#failed(err, decided);
          return [];
        }
        waiting = await this.#afterConflict(err, from, decided);
        continue;
      }
      this.#seq = from + events.length;
      return decided;
    }
    return [];
  }

  /** Decides each in turn on the live state, folding its events in so the next one sees them. */
  #decideAll(items: Queued[]): Decided[] {
    const decided: Decided[] = [];
    for (const item of items) {
      try {
        const { result, events } = item.decide(this.#state);
        for (const event of events) applyEvent(this.#state, event);
        decided.push({ item, result, events });
      } catch (err) {
        // A decision that refuses (wrong state, not found) leaves the state untouched.
        item.reject(err);
      }
    }
    return decided;
  }

  /** Rebuilds from the journal (the other node's events published) and returns what to decide again. */
  async #afterConflict(conflict: JournalConflictError, from: number, decided: Decided[]): Promise<Queued[]> {
    if (!(await this.#reread())) {
      const failed = new WanfengError("STORE_WRITE_FAILED", "the journal cannot be read");
      for (const d of decided) d.item.reject(failed);
      return [];
    }
    if (this.#seq > from || conflict.recordedIds.length === 0) return decided.map((d) => d.item);
    // Nothing new today, yet ids are taken: those events are on another day, and stay there.
    const taken = new Set(conflict.recordedIds);
    const again: Queued[] = [];
    for (const d of decided) {
      if (!d.events.some((e) => taken.has(e.id))) again.push(d.item);
      else if (d.item.options.recordedElsewhere) d.item.resolve(d.item.options.recordedElsewhere(d.result));
      else
        d.item.reject(new WanfengError("STORE_WRITE_FAILED", `already recorded: ${[...taken].join(", ")}`));
    }
    return again;
  }

  #foldForeign(rows: readonly SequencedEvent[]): void {
    const fresh = rows.filter((row) => row.seq > this.#seq);
    for (const row of fresh) applyEvent(this.#state, row.event);
    if (fresh.length > 0) this.#seq = fresh.at(-1)?.seq ?? this.#seq;
    this.#publishForeign(fresh.map((row) => row.event));
  }

  #publishForeign(events: readonly DayEvent[]): void {
    if (events.length === 0) return;
    log.debug(
      { day: this.#state.day, events: events.length, seq: this.#seq },
      "folded in another node's events",
    );
    this.deps.publish(events);
  }

  /** The state holds events the journal may not: rebuild it from what is durable. */
  async #failed(err: unknown, decided: { item: Queued }[]): Promise<void> {
    log.error({ err }, "journal append failed; rebuilding day state");
    this.#stale = true;
    await this.#reread();
    const failed = new WanfengError("STORE_WRITE_FAILED", "could not record the event");
    for (const d of decided) d.item.reject(failed);
  }

  /**
   * The day as the journal holds it; what it holds beyond the last durable seq of this fold was
   * written by others (or by a write whose answer was lost) and is published. When the read fails
   * too (the database is unreachable), the fold stays marked stale and the next round or notice
   * tries again before deciding anything.
   */
  async #reread(): Promise<boolean> {
    try {
      const events = await this.deps.journal.readDay(this.#state.day);
      this.#state = await this.deps.rebuild(this.#state.day, events);
      const known = this.#seq;
      this.#seq = events.length;
      this.#stale = false;
      this.#publishForeign(events.slice(known));
      return true;
    } catch (err) {
      this.#stale = true;
      log.error({ err }, "cannot read the journal back; the day is read again before the next decision");
      return false;
    }
  }
}

async function readSince(journal: EventJournal, day: string, seq: number): Promise<SequencedEvent[]> {
  if (journal.readDaySince) return journal.readDaySince(day, seq);
  const events = await journal.readDay(day);
  return events.slice(seq).map((event, index) => ({ seq: seq + index + 1, event }));
}
