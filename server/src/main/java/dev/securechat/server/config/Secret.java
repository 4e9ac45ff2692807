package dev.securechat.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A configured password or other secret. Its {@link #toString()} is redacted so that a config
 * record can be logged or printed whole without leaking it; only {@link #reveal()} gives the value.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return value.isEmpty() ? EMPTY : new Secret(value);
  }

  public static Secret empty() {
    return EMPTY;
  }

  /** The secret itself: hand it only to the code that needs it, never to a log line. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    // Constant-time, so comparing a configured password with a typed one leaks no timing.
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    // A constant: a hash of the value would be a (weak) fingerprint of the secret.
    return 1;
  }

  @Override
  public String toString() {
    return "******";
  }
}
