-- Up Migration
-- The change record of roster and configuration changes (server/store/postgres/change-record.ts;
-- docs/decisions.md "Change record"): the file store's `changes/YYYY-MM.jsonl` as rows. One chain
-- per school and month, numbered 1, 2, 3… like a month file's lines, hashed exactly as they are
-- (journal-chain.ts). An entry is written in the transaction of the change it records, under the
-- school's lock, so the chain never forks. It holds who, when, the action and the kinds of data,
-- never the data itself, so it never needs purging.
CREATE TABLE change_record (
  school_id text NOT NULL REFERENCES schools (id),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  seq integer NOT NULL CHECK (seq > 0),
  entry_id text NOT NULL,
  -- The whole entry as it was hashed; `at` beside it is a copy for queries.
  entry jsonb NOT NULL,
  at timestamptz NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (school_id, month, seq),
  CONSTRAINT change_record_entry_id_key UNIQUE (school_id, entry_id)
);

-- A retention purge replaces names in old events by pseudonyms and marks each such row with its
-- entry in change_record: the row keeps its hash, so the day's chain and the heads printed at
-- sign-off still hold (docs/decisions.md "Retention"); the audit checks only its link.
ALTER TABLE events ADD COLUMN pseudonymised_by text;

-- Down Migration
ALTER TABLE events DROP COLUMN pseudonymised_by;
DROP TABLE change_record;
