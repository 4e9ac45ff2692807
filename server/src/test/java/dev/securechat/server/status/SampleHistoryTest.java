package dev.securechat.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleHistoryTest {

  private static Sample at(long second) {
    return new Sample(
        Instant.ofEpochSecond(second),
        0,
        0,
        0,
        0,
        0,
        0,
        StoreCounts.NONE,
        new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void wrapsAroundKeepingTheNewestInOrder() {
    SampleHistory history = new SampleHistory(3);
    assertThat(history.all()).isEmpty();
    assertThat(history.latest()).isEmpty();

    for (int i = 1; i <= 5; i++) {
      history.add(at(i));
    }

    assertThat(history.all()).extracting(s -> s.at().getEpochSecond()).containsExactly(3L, 4L, 5L);
    assertThat(history.latest())
        .hasValueSatisfying(s -> assertThat(s.at().getEpochSecond()).isEqualTo(5));
  }

  @Test
  void needsRoomForOneSample() {
    assertThatThrownBy(() -> new SampleHistory(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
