package dev.securechat.bench.traffic;

import java.util.UUID;

/** A message sent and not yet {@code Stored}: kept to send again, and to time its answer. */
record Pending(UUID id, long seq, long stampNanos, byte[] envelope, Pair pair) {}
