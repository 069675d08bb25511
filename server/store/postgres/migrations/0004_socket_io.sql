-- Up Migration
-- @socket.io/postgres-adapter relays what one node emits to the sockets of every node through
-- NOTIFY; a payload over NOTIFY's 8000 bytes (a roster snapshot) goes through this table, which
-- the adapter itself empties of rows older than its cleanup interval.
CREATE TABLE socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload bytea
);

-- Down Migration
DROP TABLE socket_io_attachments;
