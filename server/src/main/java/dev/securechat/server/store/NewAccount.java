package dev.securechat.server.store;

import java.util.List;
import java.util.Objects;

/**
 * What registration stores: the username, the hash of the login secret and the client's public
 * keys. Arrays are not copied; callers hand them over.
 */
public record NewAccount(
    String username,
    byte[] secretHash,
    byte[] identityKey,
    byte[] keyBundle,
    List<PreKey> oneTimePreKeys) {
  public NewAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(identityKey, "identityKey");
    Objects.requireNonNull(keyBundle, "keyBundle");
    oneTimePreKeys = List.copyOf(oneTimePreKeys);
  }
}
