-- An administrator can lock an account from the dashboard: a locked account cannot log in or
-- resume until it is unlocked. The same statement runs on SQLite and PostgreSQL (SQLite stores
-- the boolean as 0/1); no type differs, so no placeholder is needed here.
ALTER TABLE users ADD COLUMN locked BOOLEAN NOT NULL DEFAULT FALSE;
