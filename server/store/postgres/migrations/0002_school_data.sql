-- Up Migration
-- One school's data, as the storage ports keep it (server/domain/entities). Every row carries its
-- school_id. `position` keeps the order lists are read back in. Foreign keys inside a school are
-- checked at commit, so one transaction may write a roster in any order.

CREATE TABLE school_settings (
  school_id text PRIMARY KEY REFERENCES schools(id) ON DELETE CASCADE,
  school_name text NOT NULL,
  timezone text NOT NULL,
  debounce_ms integer NOT NULL,
  demo boolean NOT NULL,
  released_alarm_minutes integer,
  clone_window_ms integer,
  reception_room_name text
);

CREATE TABLE rooms (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id)
);
CREATE UNIQUE INDEX rooms_name_key ON rooms (school_id, lower(name));

CREATE TABLE care_groups (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  room_id text NOT NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 200),
  announce jsonb,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id),
  FOREIGN KEY (school_id, room_id) REFERENCES rooms (school_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX care_groups_name_key ON care_groups (school_id, lower(name));

CREATE TABLE children (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  grade integer NOT NULL,
  class_name text NOT NULL,
  group_id text NOT NULL,
  health jsonb,
  photo text,
  not_authorised jsonb,
  added_on date,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id),
  FOREIGN KEY (school_id, group_id) REFERENCES care_groups (school_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX children_group ON children (school_id, group_id);

CREATE TABLE guardians (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  phone text NOT NULL,
  photo text,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id)
);

CREATE TABLE guardianships (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  child_id text NOT NULL,
  guardian_id text NOT NULL,
  relation text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (school_id, child_id, guardian_id),
  FOREIGN KEY (school_id, child_id) REFERENCES children (school_id, id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (school_id, guardian_id) REFERENCES guardians (school_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX guardianships_guardian ON guardianships (school_id, guardian_id);

-- A card id is unique per school: the primary key.
CREATE TABLE cards (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  holder_kind text NOT NULL CHECK (holder_kind IN ('child', 'guardian', 'staff')),
  holder_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'lost', 'revoked')),
  position integer NOT NULL,
  PRIMARY KEY (school_id, id)
);
CREATE INDEX cards_holder ON cards (school_id, holder_kind, holder_id);

-- Usernames are unique across the district: login finds the school by the username.
CREATE TABLE users (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  group_ids text[] NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Kept by the sha256 of the cookie, which is unique across the district.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  user_id text NOT NULL,
  expires_at text NOT NULL,
  FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX sessions_user ON sessions (school_id, user_id);

CREATE TABLE devices (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  group_id text,
  token_hash text NOT NULL,
  created_at text NOT NULL,
  readers jsonb,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id),
  FOREIGN KEY (school_id, group_id) REFERENCES care_groups (school_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX devices_name_key ON devices (school_id, lower(name));

CREATE TABLE schedules (
  school_id text PRIMARY KEY REFERENCES schools(id) ON DELETE CASCADE,
  care_days text[] NOT NULL,
  seasons jsonb NOT NULL,
  bands jsonb NOT NULL,
  holidays jsonb NOT NULL,
  workdays jsonb NOT NULL,
  sessions jsonb NOT NULL
);

-- The HMAC key of the school's pass tokens; never sent to screens.
CREATE TABLE pass_keys (
  school_id text PRIMARY KEY REFERENCES schools(id) ON DELETE CASCADE,
  signing_key text NOT NULL
);

CREATE TABLE passes (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  delegate jsonb NOT NULL,
  child_ids text[] NOT NULL,
  guardian_id text NOT NULL,
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  short_code text NOT NULL,
  created_at text NOT NULL,
  created_by text NOT NULL,
  revoked_at text,
  revoked_by text,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id)
);
CREATE INDEX passes_short_code ON passes (school_id, short_code);

CREATE TABLE leaves (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  child_id text NOT NULL,
  from_day date NOT NULL,
  to_day date NOT NULL,
  asked_by jsonb NOT NULL,
  channel text NOT NULL,
  asked_at text NOT NULL,
  reason text NOT NULL,
  recorded_at text NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text NOT NULL,
  cancelled_at text,
  cancelled_by text,
  cancel_reason text,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id)
);
CREATE INDEX leaves_days ON leaves (school_id, to_day, from_day);

CREATE TABLE enrolments (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  child_id text NOT NULL,
  application jsonb NOT NULL,
  approval jsonb,
  declined jsonb,
  agreement jsonb,
  withdrawal jsonb,
  keeps_care boolean,
  recorded_by text NOT NULL,
  updated_at text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id),
  FOREIGN KEY (school_id, child_id) REFERENCES children (school_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX enrolments_child ON enrolments (school_id, child_id);

CREATE TABLE special_care (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  child_id text NOT NULL,
  group_id text NOT NULL,
  days text[] NOT NULL,
  decided_by text NOT NULL,
  reason text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id),
  FOREIGN KEY (school_id, child_id) REFERENCES children (school_id, id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (school_id, group_id) REFERENCES care_groups (school_id, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE duties (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  id text NOT NULL,
  group_id text NOT NULL,
  on_date date,
  weekday text,
  person jsonb NOT NULL,
  from_time text,
  note text,
  position integer NOT NULL,
  PRIMARY KEY (school_id, id),
  CHECK ((on_date IS NULL) <> (weekday IS NULL)),
  FOREIGN KEY (school_id, group_id) REFERENCES care_groups (school_id, id) DEFERRABLE INITIALLY DEFERRED
);

-- Bumped with every committed write of a kind of data: a process compares it with the version
-- it loaded to catch up before it writes, and after a notification or a lost connection.
CREATE TABLE store_versions (
  school_id text NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  kind text NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (school_id, kind)
);

-- Down Migration
DROP TABLE store_versions, duties, special_care, enrolments, leaves, passes, pass_keys, schedules,
  devices, sessions, users, cards, guardianships, guardians, children, care_groups, rooms,
  school_settings;
