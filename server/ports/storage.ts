import type { DeviceStore, SessionStore, UserStore } from "./access";
import type { LeaveStore, OfficeStore, PassStore, ScheduleStore } from "./care";
import type { ChangeFeed } from "./changes";
import type { RetentionStore } from "./retention";
import type { CardStore, RosterReader, RosterWriter } from "./roster";

/**
 * Everything the server keeps apart from the day's events (those go through EventJournal in
 * server/domain/events.ts). The wiring opens one backend (server/store/) and hands each service
 * only the ports it uses. Reads are synchronous: a backend answers them from memory, kept current
 * by the same changes it announces; writes resolve once they are durable. See docs/storage.md.
 */
export interface Storage
  extends ChangeFeed,
    RosterReader,
    RosterWriter,
    CardStore,
    UserStore,
    SessionStore,
    DeviceStore,
    OfficeStore,
    ScheduleStore,
    RetentionStore,
    PassStore,
    LeaveStore {}
