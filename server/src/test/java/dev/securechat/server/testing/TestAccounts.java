package dev.securechat.server.testing;

import dev.securechat.client.KeyMaterial;
import dev.securechat.protocol.PreKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * What test accounts register with: one password, and random public keys of the sizes the server
 * checks. The server never looks inside the keys, so no real key generation is spent on them.
 */
public final class TestAccounts {
  public static final String PASSWORD = "correct horse battery";

  private TestAccounts() {}

  /** A fresh identity key (unique, as the server requires) with five one-time prekeys. */
  public static KeyMaterial keys() {
    SecureRandom r = new SecureRandom();
    byte[] identity = new byte[294];
    r.nextBytes(identity);
    List<PreKey> preKeys = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      byte[] k = new byte[32];
      r.nextBytes(k);
      preKeys.add(new PreKey(i, k));
    }
    return new KeyMaterial(identity, "bundle".getBytes(StandardCharsets.UTF_8), preKeys);
  }
}
