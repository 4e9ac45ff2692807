-- Which account was handed which account's one-time prekeys, and when: a requester gets only a
-- few of one target's one-time prekeys per day, so one account cannot drain another's supply.
-- Old rows are pruned by the server's housekeeping. No foreign keys: the rows are only counted.
CREATE TABLE prekey_grants (
    requester_id BIGINT NOT NULL,
    target_id    BIGINT NOT NULL,
    granted_at   BIGINT NOT NULL
);
CREATE INDEX prekey_grants_pair ON prekey_grants (requester_id, target_id, granted_at);
CREATE INDEX prekey_grants_time ON prekey_grants (granted_at);
