package dev.securechat.server.store;

import java.time.Instant;
import java.util.UUID;

/** A direct message waiting in {@code recipient}'s queue under {@code qseq}. */
public record QueuedMessage(
    long recipientId,
    String recipient,
    long qseq,
    UUID id,
    String sender,
    Instant serverTime,
    byte[] envelope) {}
