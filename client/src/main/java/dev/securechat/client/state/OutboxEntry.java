package dev.securechat.client.state;

import java.util.UUID;

/** A message committed locally and not yet confirmed as stored by the server. */
public record OutboxEntry(UUID id, String peer, long seq, byte[] envelope) {}
