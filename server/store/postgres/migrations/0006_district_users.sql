-- Up Migration
-- The district's readers (区教育局): they belong to no school and read every school's overview
-- and reports. Their usernames share the one login box with every school's staff, so a username
-- is unique across both tables (the trigger below; the advisory lock serialises two inserts of
-- one name into the two tables).
CREATE TABLE district_users (
  id text PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX district_users_username_key ON district_users (lower(username));

CREATE TABLE district_sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES district_users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX district_sessions_user ON district_sessions (user_id);

CREATE FUNCTION wanfeng_username_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('wanfeng username ' || lower(NEW.username)));
  IF TG_TABLE_NAME = 'users' THEN
    IF EXISTS (SELECT 1 FROM district_users WHERE lower(username) = lower(NEW.username)) THEN
      RAISE EXCEPTION 'username % is a district login', NEW.username
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'users_username_key';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM users WHERE lower(username) = lower(NEW.username)) THEN
    RAISE EXCEPTION 'username % is a school login', NEW.username
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'district_users_username_key';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER users_username_once BEFORE INSERT OR UPDATE OF username ON users
  FOR EACH ROW EXECUTE FUNCTION wanfeng_username_once();
CREATE TRIGGER district_users_username_once BEFORE INSERT OR UPDATE OF username ON district_users
  FOR EACH ROW EXECUTE FUNCTION wanfeng_username_once();

-- Down Migration
DROP TRIGGER district_users_username_once ON district_users;
DROP TRIGGER users_username_once ON users;
DROP FUNCTION wanfeng_username_once();
DROP TABLE district_sessions;
DROP TABLE district_users;
