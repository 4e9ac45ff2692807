package dev.securechat.server.store;

import java.time.Instant;

/** One line of the security audit trail; username, address and detail may be null. */
public record AuditEvent(
    long id, Instant at, String event, String username, String address, String detail) {}
