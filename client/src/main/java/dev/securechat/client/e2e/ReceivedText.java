package dev.securechat.client.e2e;

import dev.securechat.protocol.Stream;
import java.time.Instant;

/** A decrypted chat message: direct or broadcast, with the server's and the sender's times. */
public record ReceivedText(
    Stream stream, String from, String body, Instant serverTime, Instant sentAt, long qseq) {}
