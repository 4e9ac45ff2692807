package dev.securechat.server.store;

import java.time.Instant;

/** A stored account as login needs it. */
public record Account(
    long id, String username, byte[] secretHash, long sessionNo, Instant createdAt) {}
