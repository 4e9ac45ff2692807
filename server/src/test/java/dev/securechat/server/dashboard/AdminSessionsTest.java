package dev.securechat.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.server.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminSessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final AdminSessions sessions = new AdminSessions(clock, new SecureRandom());

  @Test
  void eachLoginGetsFreshUnguessableTokens() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      AdminSession s = sessions.create("127.0.0.1");
      tokens.add(s.token());
      tokens.add(s.csrfToken());
      assertThat(s.token()).hasSize(43); // 32 random bytes, base64url
    }
    assertThat(tokens).hasSize(20);
  }

  @Test
  void findsALiveSessionAndNothingElse() {
    AdminSession s = sessions.create("127.0.0.1");

    assertThat(sessions.find(s.token())).containsSame(s);
    assertThat(sessions.find(s.csrfToken())).isEmpty();
    assertThat(sessions.find("")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void expiresAfterIdlingButNotWhileUsed() {
    AdminSession s = sessions.create("127.0.0.1");
    for (int i = 0; i < 4; i++) {
      clock.advance(AdminSessions.IDLE.minusMinutes(1));
      assertThat(sessions.find(s.token())).isPresent();
    }

    clock.advance(AdminSessions.IDLE);

    assertThat(sessions.isLive(s)).isFalse();
    assertThat(sessions.find(s.token())).isEmpty();
  }

  @Test
  void endsAfterItsLifetimeHoweverBusy() {
    AdminSession s = sessions.create("127.0.0.1");
    Duration step = AdminSessions.IDLE.dividedBy(2);
    for (Duration used = Duration.ZERO;
        used.compareTo(AdminSessions.LIFETIME.minus(step)) < 0;
        used = used.plus(step)) {
      clock.advance(step);
      assertThat(sessions.find(s.token())).isPresent();
    }

    clock.advance(step);

    assertThat(sessions.find(s.token())).isEmpty();
  }

  @Test
  void logoutEndsTheSession() {
    AdminSession s = sessions.create("127.0.0.1");

    sessions.end(s);

    assertThat(sessions.find(s.token())).isEmpty();
    assertThat(sessions.isLive(s)).isFalse();
  }

  @Test
  void keepsABoundedNumberDroppingTheLeastRecentlyUsed() {
    AdminSession first = sessions.create("127.0.0.1");
    clock.advance(Duration.ofSeconds(1));
    AdminSession second = sessions.create("127.0.0.1");
    for (int i = 0; i < AdminSessions.MAX_SESSIONS; i++) {
      clock.advance(Duration.ofSeconds(1));
      sessions.find(second.token());
      sessions.create("127.0.0.2");
    }

    assertThat(sessions.size()).isEqualTo(AdminSessions.MAX_SESSIONS);
    assertThat(sessions.find(first.token())).isEmpty();
    assertThat(sessions.find(second.token())).isPresent();
  }
}
