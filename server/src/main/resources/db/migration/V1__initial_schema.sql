-- One schema for SQLite and PostgreSQL. Flyway placeholders carry the few type differences
-- (see Database#placeholders):
--   ${blob}           BLOB / BYTEA
--   ${identity_pk}    a database-assigned 64-bit key (INTEGER PRIMARY KEY is SQLite's rowid)
--   ${int64_pk}       a 64-bit key that the code assigns (a rowid alias on SQLite)
--   ${without_rowid}  clustered composite keys on SQLite, nothing on PostgreSQL
-- Times are epoch milliseconds. Only public keys, hashes and opaque envelopes are stored.

CREATE TABLE users (
    id           ${identity_pk},
    username     TEXT     NOT NULL,
    secret_hash  ${blob}  NOT NULL,
    identity_key ${blob}  NOT NULL,
    key_bundle   ${blob}  NOT NULL,
    session_no   BIGINT   NOT NULL DEFAULT 0,
    created_at   BIGINT   NOT NULL,
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_identity_key_key UNIQUE (identity_key),
    CONSTRAINT users_username_lower CHECK (username = lower(username))
);

CREATE TABLE one_time_prekeys (
    user_id    BIGINT  NOT NULL REFERENCES users (id),
    key_id     INTEGER NOT NULL,
    public_key ${blob} NOT NULL,
    PRIMARY KEY (user_id, key_id)
) ${without_rowid};

CREATE TABLE device_tokens (
    user_id    ${int64_pk} REFERENCES users (id),
    token_hash ${blob} NOT NULL,
    created_at BIGINT  NOT NULL
);

-- The relay's counters live here, not in sequences: last_qseq numbers the recipient's queue,
-- pending_* bound it.
CREATE TABLE queue_state (
    user_id       ${int64_pk} REFERENCES users (id),
    last_qseq     BIGINT NOT NULL,
    pending_count BIGINT NOT NULL,
    pending_bytes BIGINT NOT NULL
);

CREATE TABLE queue (
    recipient_id BIGINT  NOT NULL REFERENCES users (id),
    qseq         BIGINT  NOT NULL,
    id           ${blob} NOT NULL,
    sender_id    BIGINT  NOT NULL REFERENCES users (id),
    server_time  BIGINT  NOT NULL,
    envelope     ${blob} NOT NULL,
    PRIMARY KEY (recipient_id, qseq)
) ${without_rowid};

-- recipient_id 0 is the broadcast log (user ids start at 1), hence no foreign key on it.
CREATE TABLE pair_seq (
    sender_id    BIGINT  NOT NULL REFERENCES users (id),
    recipient_id BIGINT  NOT NULL,
    last_seq     BIGINT  NOT NULL,
    last_id      ${blob} NOT NULL,
    PRIMARY KEY (sender_id, recipient_id)
) ${without_rowid};

CREATE TABLE broadcast_head (
    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_bseq BIGINT  NOT NULL
);
INSERT INTO broadcast_head (id, last_bseq) VALUES (1, 0);

CREATE TABLE broadcast_log (
    bseq        ${int64_pk},
    id          ${blob} NOT NULL,
    sender_id   BIGINT  NOT NULL REFERENCES users (id),
    server_time BIGINT  NOT NULL,
    envelope    ${blob} NOT NULL
);
CREATE INDEX broadcast_log_server_time ON broadcast_log (server_time);

CREATE TABLE broadcast_cursor (
    user_id    ${int64_pk} REFERENCES users (id),
    acked_bseq BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id       ${identity_pk},
    at       BIGINT NOT NULL,
    event    TEXT   NOT NULL,
    username TEXT,
    address  TEXT,
    detail   TEXT
);
CREATE INDEX audit_log_event_at ON audit_log (event, at);
