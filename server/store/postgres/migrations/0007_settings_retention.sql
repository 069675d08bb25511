-- Up Migration
-- The retention settings and the last purge run (issue 10 item 7), kept with the school's
-- settings as in the data folder's document: {withdrawnDataDays, journalYears} and
-- {day, at, changeId}.
ALTER TABLE school_settings ADD COLUMN retention jsonb;
ALTER TABLE school_settings ADD COLUMN last_purge jsonb;

-- Down Migration
ALTER TABLE school_settings DROP COLUMN last_purge;
ALTER TABLE school_settings DROP COLUMN retention;
