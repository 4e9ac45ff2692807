package dev.securechat.client.terminal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for reconnecting: attempt n waits a random time between half and
 * all of {@code min(cap, first * 2^n)}, so that after a server restart its clients do not all knock
 * at the same instant, yet none waits much longer than needed.
 */
final class Backoff {
  private final Duration first;
  private final Duration cap;
  private final RandomGenerator random;

  Backoff(Duration first, Duration cap, RandomGenerator random) {
    this.first = first;
    this.cap = cap;
    this.random = random;
  }

  Duration delay(int attempt) {
    long ceiling = first.toMillis() << Math.min(attempt, 20);
    long full = Math.min(cap.toMillis(), ceiling);
    long half = full / 2;
    return Duration.ofMillis(half + random.nextLong(full - half + 1));
  }
}
