package dev.securechat.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perHour} registration attempts per address in any sliding hour. Each attempt costs
 * a server-side Argon2id hash and may create an account, so this bounds both; the memory is at most
 * {@code perHour} instants per address seen in the last hour.
 */
final class RegistrationLimit {
  static final Duration WINDOW = Duration.ofHours(1);

  private final int perHour;
  private final Clock clock;
  private final ConcurrentHashMap<String, ArrayDeque<Instant>> byAddress =
      new ConcurrentHashMap<>();

  RegistrationLimit(int perHour, Clock clock) {
    this.perHour = perHour;
    this.clock = clock;
  }

  /** Counts an attempt; empty if allowed, else how long until the oldest one leaves the window. */
  Optional<Duration> tryRegister(String address) {
    Instant now = clock.instant();
    Duration[] wait = {null};
    byAddress.compute(
        address,
        (a, times) -> {
          ArrayDeque<Instant> t = times == null ? new ArrayDeque<>() : times;
          dropExpired(t, now);
          if (t.size() >= perHour) {
            wait[0] = Duration.between(now, t.peekFirst().plus(WINDOW));
          } else {
            t.addLast(now);
          }
          return t;
        });
    return Optional.ofNullable(wait[0]);
  }

  /** Drops addresses with no attempt in the last hour, so the map stays bounded. */
  void forgetOld() {
    Instant now = clock.instant();
    byAddress.replaceAll(
        (a, t) -> {
          dropExpired(t, now);
          return t;
        });
    byAddress.values().removeIf(ArrayDeque::isEmpty);
  }

  private static void dropExpired(ArrayDeque<Instant> times, Instant now) {
    Instant cutoff = now.minus(WINDOW);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
