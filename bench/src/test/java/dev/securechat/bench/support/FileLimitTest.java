package dev.securechat.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileLimitTest {

  @Test
  void raisesTheSoftLimitToTheHardOne() {
    FileLimit.Result r = FileLimit.raise();
    assertThat(r.soft()).isEqualTo(r.hard());
    assertThat(r.hard()).isGreaterThanOrEqualTo(r.hardBefore());
  }

  @Test
  void refusesARunThatNeedsMoreThanTheLimit() {
    FileLimit.Result r = new FileLimit.Result(1024, 1024, 1024, 1024, "no root");
    assertThatThrownBy(() -> FileLimit.require(r, 5000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("5,000")
        .hasMessageContaining("1,024")
        .hasMessageContaining("no root");
    FileLimit.require(r, 1000);
  }
}
