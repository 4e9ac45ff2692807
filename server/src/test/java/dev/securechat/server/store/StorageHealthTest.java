package dev.securechat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.securechat.server.testing.MutableClock;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class StorageHealthTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final StorageHealth health = new StorageHealth(clock);
  private final Logger logger = (Logger) LoggerFactory.getLogger(StorageHealth.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
    logger.setLevel(null);
    logger.setAdditive(true);
  }

  private static SQLiteException sqlite(SQLiteErrorCode code) {
    return new SQLiteException("[" + code.name() + "] " + code.message, code);
  }

  @Test
  void anOutageIsOneWarningAndOneRecoveryHoweverManyOperationsFail() {
    assertThat(health.isHealthy()).isTrue();
    SQLiteException full = sqlite(SQLiteErrorCode.SQLITE_FULL);
    for (int i = 0; i < 1000; i++) {
      health.failed("writer.commit", full);
    }
    assertThat(health.outage())
        .hasValueSatisfying(
            o -> {
              assertThat(o.reason()).isEqualTo("disk full");
              assertThat(o.failures()).isEqualTo(1000);
              assertThat(o.since()).isEqualTo(clock.instant());
            });
    clock.advance(Duration.ofSeconds(42));
    health.succeeded();
    health.succeeded();

    assertThat(health.isHealthy()).isTrue();
    assertThat(health.failuresTotal()).isEqualTo(1000);
    assertThat(logged.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
        .satisfiesExactly(
            warn ->
                assertThat(warn)
                    .startsWith("WARN Storage is failing (disk full: [SQLITE_FULL]")
                    .contains("first in writer.commit"),
            info ->
                assertThat(info)
                    .isEqualTo(
                        "INFO Storage recovered (disk full for 42 s, 1000 failed operations)"));
    assertThat(logged.list)
        .allSatisfy(
            e -> assertThat(e.getThrowableProxy() == null || e.getLevel() == Level.DEBUG).isTrue());
  }

  @Test
  void aNewOutageIsWarnedAboutAgain() {
    health.failed("writer.commit", sqlite(SQLiteErrorCode.SQLITE_BUSY));
    health.succeeded();
    health.failed("accounts.nextSession", sqlite(SQLiteErrorCode.SQLITE_READONLY_DBMOVED));
    assertThat(health.outage())
        .hasValueSatisfying(o -> assertThat(o.reason()).isEqualTo("read-only"));
    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2);
  }

  @Test
  void namesTheStorageFailuresAndNothingElse() {
    assertThat(StorageProblem.of(sqlite(SQLiteErrorCode.SQLITE_IOERR_WRITE)))
        .contains("disk I/O error");
    assertThat(StorageProblem.of(sqlite(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)))
        .contains("locked by another process");
    assertThat(StorageProblem.of(sqlite(SQLiteErrorCode.SQLITE_CANTOPEN)))
        .contains("cannot open the database file");
    assertThat(StorageProblem.of(new StoreException("x", sqlite(SQLiteErrorCode.SQLITE_FULL))))
        .contains("disk full");
    assertThat(StorageProblem.of(new SQLException("gone", "08006")))
        .contains("database unreachable");
    assertThat(StorageProblem.of(new SQLException("no room", "53100"))).contains("disk full");
    assertThat(StorageProblem.of(new SQLException("ro", "25006"))).contains("read-only");
    assertThat(StorageProblem.of(new SQLTransientConnectionException("pool timed out")))
        .contains("no database connection available");

    assertThat(StorageProblem.isStorageFailure(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)))
        .isFalse();
    assertThat(StorageProblem.isStorageFailure(new SQLException("dup", "23505"))).isFalse();
    assertThat(StorageProblem.isStorageFailure(new IllegalStateException("a bug"))).isFalse();
  }
}
