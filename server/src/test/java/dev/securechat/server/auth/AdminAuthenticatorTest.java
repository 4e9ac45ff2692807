package dev.securechat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.securechat.server.SecureChatServer;
import dev.securechat.server.config.ServerConfigLoader;
import dev.securechat.server.store.AuditEvent;
import dev.securechat.server.store.AuditLog;
import dev.securechat.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAuthenticatorTest {
  /** Two free failures per name, then 1 s, 2 s, 4 s ... as for chat logins. */
  private static final AuthSettings SETTINGS =
      new AuthSettings(8192, 1, 1, 2, 20, Duration.ofSeconds(60), 10);

  @TempDir Path dir;
  private Database db;
  private AuditLog audit;
  private Instant now = Instant.parse("2030-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };
  private AdminAuthenticator admin;

  @BeforeEach
  void open() throws Exception {
    var storage =
        ServerConfigLoader.load(
                Optional.empty(), Map.of(), Map.of("server.data_dir", dir.toString()))
            .storage();
    db = Database.open(SecureChatServer.storeSettings(storage));
    audit = new AuditLog(db, clock);
    SecureRandom random = new SecureRandom();
    admin =
        new AdminAuthenticator(
            AdminAuthenticator.hash("right-password", SETTINGS, random),
            SETTINGS,
            audit,
            clock,
            random);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void acceptsTheRightPasswordAndAuditsIt() {
    assertThat(admin.attempt("right-password", "10.0.0.1"))
        .isInstanceOf(AdminAuthenticator.Outcome.Accepted.class);

    assertThat(audit.newestFirst(0, 1))
        .extracting(AuditEvent::event, AuditEvent::username, AuditEvent::address)
        .containsExactly(tuple("admin-login", "admin", "10.0.0.1"));
  }

  @Test
  void locksOutAfterTheFreeFailuresEvenForTheRightPassword() {
    assertThat(admin.attempt("wrong", "10.0.0.1"))
        .isInstanceOf(AdminAuthenticator.Outcome.Refused.class);
    assertThat(admin.attempt("wrong", "10.0.0.1"))
        .isInstanceOf(AdminAuthenticator.Outcome.Refused.class);
    assertThat(admin.attempt("wrong", "10.0.0.1"))
        .isEqualTo(new AdminAuthenticator.Outcome.LockedOut(Duration.ofSeconds(1)));
    assertThat(admin.attempt("right-password", "10.0.0.1"))
        .isInstanceOf(AdminAuthenticator.Outcome.LockedOut.class);

    now = now.plusSeconds(1);

    assertThat(admin.attempt("right-password", "10.0.0.1"))
        .isInstanceOf(AdminAuthenticator.Outcome.Accepted.class);
    assertThat(audit.countSince("admin-login-failed", Instant.EPOCH)).isEqualTo(3);
    assertThat(audit.countSince("admin-lockout", Instant.EPOCH)).isEqualTo(1);
  }

  @Test
  void recognizesItsOwnHashes() {
    byte[] hash = AdminAuthenticator.hash("x", SETTINGS, new SecureRandom());

    assertThat(AdminAuthenticator.isHash(hash)).isTrue();
    assertThat(AdminAuthenticator.isHash("plain text".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
  }
}
