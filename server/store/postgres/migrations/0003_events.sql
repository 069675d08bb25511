-- Up Migration
-- The care day's event journal (server/store/postgres/journal.ts, docs/storage.md). One row per
-- event, numbered 1, 2, 3… within its school-day: a node appends only at the seq it decided from,
-- so two nodes inserting the same (school_id, day, seq) collide on the primary key and the later
-- one retries on the new state. prev_hash/hash are the day's hash chain (journal-chain.ts), as in a
-- day file: a row changed, removed or reordered breaks every hash after it.
CREATE TABLE events (
  school_id text NOT NULL REFERENCES schools (id),
  day date NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  event_id text NOT NULL,
  type text NOT NULL,
  -- The whole event as the journal keeps it; the columns beside it are copies for queries.
  payload jsonb NOT NULL,
  time timestamptz NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (school_id, day, seq),
  -- A tap retried on another node, or a timer raised by two nodes, is refused as already recorded.
  CONSTRAINT events_event_id_key UNIQUE (school_id, event_id)
);
-- Reading a day (screens, reports), the events after a seq (catching up) and the day list all use
-- the primary key. No index inside the payload: one child's export reads day by day (days(),
-- readDay) and filters in memory, so an index by child id would cost every append and serve nothing.

-- Down Migration
DROP TABLE events;
