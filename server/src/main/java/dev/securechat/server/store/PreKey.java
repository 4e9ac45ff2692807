package dev.securechat.server.store;

import java.util.Objects;

/** A one-time prekey's public half and the id the client gave it. */
public record PreKey(int id, byte[] publicKey) {
  public PreKey {
    Objects.requireNonNull(publicKey, "publicKey");
  }
}
