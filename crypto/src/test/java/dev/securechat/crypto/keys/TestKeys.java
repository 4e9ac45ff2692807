package dev.securechat.crypto.keys;

import dev.securechat.crypto.InvalidMessageException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key material for tests, generated once per test JVM: RSA-2048 key generation costs a large share
 * of a second, so every test class restores copies of the same few users instead.
 */
public final class TestKeys {
  /** The time the cached prekeys were made; tests move their clock from here. */
  public static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  public static final SecureRandom RANDOM = new SecureRandom();

  /** One user's stored identity and prekeys, as the client would keep them. */
  public record Stored(String name, byte[] identity, byte[] preKeys) {
    public IdentityKeys identityKeys() {
      try {
        return IdentityKeys.parse(identity);
      } catch (InvalidMessageException e) {
        throw new AssertionError(e);
      }
    }

    /** A fresh, independent copy of the prekeys. */
    public PreKeys preKeysCopy() {
      try {
        return PreKeys.parse(preKeys);
      } catch (InvalidMessageException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static final Map<String, Stored> USERS = new ConcurrentHashMap<>();

  private TestKeys() {}

  public static Stored user(String name) {
    return USERS.computeIfAbsent(
        name,
        n -> {
          IdentityKeys ik = IdentityKeys.generate(RANDOM);
          PreKeys pk = PreKeys.generate(ik, RANDOM, T0);
          return new Stored(n, ik.serialize(), pk.serialize());
        });
  }
}
