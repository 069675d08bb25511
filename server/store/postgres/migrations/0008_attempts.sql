-- Up Migration
-- Password attempts (login per username and address, per address, handover per user), counted
-- for every school and node of the database together (issue 8): a guess on one node counts on
-- all. Rows older than their window are pruned by the nodes; a right password removes its row.
CREATE TABLE auth_attempts (
  counter text NOT NULL,
  key text NOT NULL,
  attempt_id text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (counter, key, attempt_id)
);
CREATE INDEX auth_attempts_at ON auth_attempts (at);

-- Down Migration
DROP TABLE auth_attempts;
