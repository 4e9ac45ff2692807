package dev.securechat.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathGuardTest {

  @Test
  void plainPathsPass() {
    assertThat(PathGuard.isPlain("/")).isTrue();
    assertThat(PathGuard.isPlain("/api/sessions/a.b/disconnect")).isTrue();
    assertThat(PathGuard.isPlain("/webjars/uplot/1.6.30/dist/uPlot.min.css")).isTrue();
    assertThat(PathGuard.isPlain("/assets/...")).isTrue();
  }

  @Test
  void dotSegmentsAndEncodedSeparatorsAreRefused() {
    assertThat(PathGuard.isPlain("/assets/../api/status")).isFalse();
    assertThat(PathGuard.isPlain("/assets/%2E%2e/api/status")).isFalse();
    assertThat(PathGuard.isPlain("/./api/status")).isFalse();
    assertThat(PathGuard.isPlain("/api%2Fstatus")).isFalse();
    assertThat(PathGuard.isPlain("/api%5cstatus")).isFalse();
    assertThat(PathGuard.isPlain("/api\\status")).isFalse();
    assertThat(PathGuard.isPlain("/assets/..")).isFalse();
  }
}
