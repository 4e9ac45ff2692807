package dev.securechat.server.store;

import java.time.Instant;

/** A stored account as login needs it; a {@code locked} account may not log in or resume. */
public record Account(
    long id,
    String username,
    byte[] secretHash,
    long sessionNo,
    Instant createdAt,
    boolean locked) {}
