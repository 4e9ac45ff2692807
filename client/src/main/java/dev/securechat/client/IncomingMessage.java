package dev.securechat.client;

import dev.securechat.protocol.Stream;
import java.time.Instant;
import java.util.UUID;

/** A message the server delivered, as the application sees it. */
public record IncomingMessage(
    Stream stream, long qseq, UUID id, String from, Instant serverTime, byte[] envelope) {}
