-- Up Migration
-- Every school's data carries its school_id; a district runs many schools on one database.
CREATE TABLE schools (
  id text PRIMARY KEY,
  name text NOT NULL,
  timezone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX schools_name_key ON schools (lower(name));

-- Down Migration
DROP TABLE schools;
