package dev.securechat.client;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, for reconnecting and for sending again while the server cannot
 * store: attempt n waits a random time between half and all of {@code min(cap, first * 2^n)}, so
 * that after a server restart its clients do not all knock at the same instant, yet none waits much
 * longer than needed.
 */
public final class Backoff {
  private final Duration first;
  private final Duration cap;
  private final RandomGenerator random;

  /**
   * @param first the longest wait of the first attempt (at least 1 ms)
   * @param cap the longest wait of any attempt (at least {@code first})
   * @param random the jitter's source: a {@link SecureRandom}, or a seeded generator in tests
   */
  public Backoff(Duration first, Duration cap, RandomGenerator random) {
    if (first.toMillis() < 1 || cap.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "need 1 ms <= first <= cap, got first " + first + " and cap " + cap);
    }
    this.first = first;
    this.cap = cap;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** 0.5 s doubling to 30 s, jitter from a {@link SecureRandom}. */
  public static Backoff standard() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SecureRandom());
  }

  /** How long to wait before attempt {@code attempt} (0 for the first). */
  public Duration delay(int attempt) {
    long ceiling = first.toMillis() << Math.clamp(attempt, 0, 20);
    long full = Math.min(cap.toMillis(), ceiling);
    long half = full / 2;
    return Duration.ofMillis(half + random.nextLong(full - half + 1));
  }
}
