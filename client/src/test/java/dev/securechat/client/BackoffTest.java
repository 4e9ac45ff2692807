package dev.securechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void growsWithJitterUpToTheCap() {
    var backoff =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(7));
    for (int attempt = 0; attempt < 12; attempt++) {
      long full = Math.min(30_000, 500L << attempt);
      assertThat(backoff.delay(attempt).toMillis()).isBetween(full / 2, full);
    }
    assertThat(backoff.delay(1000).toMillis()).isBetween(15_000L, 30_000L);
  }

  @Test
  void clientsWaitingTheSameAttemptDoNotAllWaitTheSame() {
    var backoff =
        new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(30), new SplittableRandom(11));
    Set<Long> waits = new HashSet<>();
    for (int client = 0; client < 50; client++) {
      waits.add(backoff.delay(3).toMillis());
    }
    // 50 draws from 4,001 values: a constant or a broken generator would give one or two.
    assertThat(waits).hasSizeGreaterThan(40);
  }

  @Test
  void refusesBoundsThatMakeNoSense() {
    assertThatThrownBy(
            () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
