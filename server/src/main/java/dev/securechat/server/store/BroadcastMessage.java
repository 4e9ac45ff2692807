package dev.securechat.server.store;

import java.time.Instant;
import java.util.UUID;

/** One entry of the broadcast log, stored once for every account. */
public record BroadcastMessage(
    long bseq, UUID id, String sender, Instant serverTime, byte[] envelope) {}
