package dev.securechat.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreTest {
  @Test
  void meanSpreadAndTheConfidenceIntervalOfStudentsT() {
    Score s = Score.of(List.of(10.0, 12.0, 14.0, 16.0, 18.0));

    assertThat(s.mean()).isEqualTo(14.0);
    assertThat(s.sd()).isCloseTo(Math.sqrt(10), within(1e-9));
    // t(0.9995, 4) = 8.610: the half-width JMH would print as "± error".
    assertThat(s.error()).isCloseTo(8.610 * Math.sqrt(10) / Math.sqrt(5), within(1e-9));
    assertThat(s.min()).isEqualTo(10.0);
    assertThat(s.max()).isEqualTo(18.0);
    assertThat(s.all()).hasSize(5);
  }

  @Test
  void oneIterationHasNoSpread() {
    Score s = Score.of(List.of(42.0));

    assertThat(s.mean()).isEqualTo(42.0);
    assertThat(s.error()).isNaN();
    assertThat(s.sd()).isNaN();
  }

  @Test
  void largeSamplesUseTheNextSmallerTabulatedDegreesOfFreedom() {
    assertThat(Score.t999(30)).isEqualTo(3.646);
    assertThat(Score.t999(35)).isEqualTo(3.646);
    assertThat(Score.t999(59)).isEqualTo(3.551);
    assertThat(Score.t999(1000)).isEqualTo(3.373);
  }
}
