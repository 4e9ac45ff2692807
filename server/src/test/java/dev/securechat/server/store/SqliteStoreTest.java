package dev.securechat.server.store;

import static dev.securechat.server.store.StoreAccess.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contracts on a SQLite file, plus what only a file database can show. */
class SqliteStoreTest extends StoreTestBase
    implements AccountsContract, RelayContract, BroadcastContract, SessionContract {

  @TempDir Path dir;

  private String url(String file) {
    return Database.SQLITE_PREFIX + dir.resolve(file);
  }

  @Override
  Database openEmpty() {
    return Database.open(settings(url("store.db"), null));
  }

  @Test
  void setsThePragmasOnEveryConnection() {
    assertThat(db().vendor()).isEqualTo("sqlite");
    assertThat(pragma("journal_mode")).isEqualTo("wal");
    assertThat(pragma("synchronous")).isEqualTo("2"); // FULL
    assertThat(pragma("foreign_keys")).isEqualTo("1");
    assertThat(pragma("busy_timeout")).isEqualTo("10000");
  }

  private String pragma(String name) {
    return db().query(
            "test.pragma",
            c -> {
              try (PreparedStatement select = c.prepareStatement("PRAGMA " + name);
                  ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
              }
            });
  }

  @Test
  void keepsEverythingAcrossAReopen() {
    long alice = register("alice");
    long bob = register("bob");
    send(alice, "alice", 1, "bob");
    send(alice, "alice", 2, "bob");
    broadcast(alice, "alice", 1);
    accounts().replaceDeviceToken(bob, StoreAccess.bytes("token-hash"));
    writer().close();
    db().close();

    try (Database reopened = Database.open(settings(url("store.db"), null));
        MessageWriter writer =
            new MessageWriter(reopened, reopened.settings(), clock(), CommitListener.NONE)) {
      assertThat(new Accounts(reopened, clock()).find("bob")).isPresent();
      assertThat(new Accounts(reopened, clock()).deviceTokenHash(bob)).isPresent();
      assertThat(new MessageQueue(reopened).lastSeq(alice, "bob")).isEqualTo(2);
      assertThat(new BroadcastLog(reopened, clock()).after(bob, 0, 10)).hasSize(1);

      assertThat(await(writer.direct(alice, "alice", UUID.randomUUID(), 3, "bob", new byte[1])))
          .isInstanceOf(SendOutcome.Stored.class);
      assertThat(new MessageQueue(reopened).pending(bob, 0, 10))
          .extracting(QueuedMessage::qseq)
          .containsExactly(1L, 2L, 3L);
    }
  }

  /**
   * A genuine storage failure: another process holds SQLite's write lock longer than the busy
   * timeout, so the writer's transaction cannot begin. (Making the file read-only does not work
   * here: the tests run as root, which ignores file permissions.)
   */
  @Test
  void rejectsWhileTheDatabaseIsLockedAndRecoversAfterwards() throws Exception {
    try (Database locked = Database.open(settings(url("locked.db"), null), Duration.ofMillis(200));
        MessageWriter writer =
            new MessageWriter(locked, locked.settings(), clock(), CommitListener.NONE)) {
      var accounts = new Accounts(locked, clock());
      long alice = ((CreateResult.Created) accounts.create(newAccount("alice"))).userId();
      long bob = ((CreateResult.Created) accounts.create(newAccount("bob"))).userId();
      UUID id = UUID.randomUUID();

      try (Connection other = DriverManager.getConnection(url("locked.db"));
          Statement lock = other.createStatement()) {
        lock.execute("BEGIN EXCLUSIVE");

        assertThat(await(writer.direct(alice, "alice", id, 1, "bob", new byte[1])))
            .isEqualTo(new SendOutcome.Unavailable(id, MessageWriter.STORAGE_RETRY_AFTER));
        assertThat(writer.ackDirect(bob, 1))
            .failsWithin(TIMEOUT)
            .withThrowableThat()
            .withCauseInstanceOf(StoreException.class);
        assertThat(locked.health().outage())
            .hasValueSatisfying(
                o -> {
                  assertThat(o.reason()).isEqualTo("locked by another process");
                  assertThat(o.failures()).isEqualTo(2);
                });

        lock.execute("ROLLBACK");
      }

      assertThat(await(writer.direct(alice, "alice", id, 1, "bob", new byte[1])))
          .isEqualTo(new SendOutcome.Stored(id, false));
      assertThat(locked.health().isHealthy()).isTrue();
      await(writer.ackDirect(bob, 1));
      assertThat(new MessageQueue(locked).totalPending()).isZero();
      assertThat(writer.committedBatches()).isEqualTo(2);
    }
  }

  /**
   * A genuine "database or disk is full" in the middle of a batch, on one connection only: the
   * store's only pooled connection is capped at its current size ({@code PRAGMA max_page_count}),
   * so the writer's transaction begins and reads fine, then fails on the first insert that needs a
   * new page. SQLite has rolled back by itself, so the connection is evicted, and the writer, whose
   * storage was healthy, tries the batch once more on a fresh connection: stored, once. (A full
   * disk, which no fresh connection escapes, is StorageFaultsIT's.)
   */
  @Test
  void aBatchThatFailsOnABrokenConnectionIsRetriedOnAFreshOne() {
    StoreSettings oneConnection =
        new StoreSettings(
            url("full.db"), null, null, "FULL", 1, 10_000, 64L << 20, Duration.ofDays(7));
    try (Database full = Database.open(oneConnection);
        MessageWriter writer =
            new MessageWriter(full, oneConnection, clock(), CommitListener.NONE)) {
      var accounts = new Accounts(full, clock());
      long alice = ((CreateResult.Created) accounts.create(newAccount("alice"))).userId();
      long bob = ((CreateResult.Created) accounts.create(newAccount("bob"))).userId();
      await(writer.direct(alice, "alice", UUID.randomUUID(), 1, "bob", new byte[16]));
      UUID id = UUID.randomUUID();
      byte[] large = new byte[64 * 1024];

      full.query("test.cap", c -> pragma(c, "max_page_count = " + pragma(c, "page_count")));
      assertThat(await(writer.direct(alice, "alice", id, 2, "bob", large)))
          .isEqualTo(new SendOutcome.Stored(id, false));

      assertThat(full.health().isHealthy()).isTrue();
      assertThat(full.health().failuresTotal()).isZero();
      String cap = full.query("test.cap", c -> pragma(c, "max_page_count"));
      String pages = full.query("test.pages", c -> pragma(c, "page_count"));
      assertThat(cap).as("a fresh connection, without the cap").isNotEqualTo(pages);
      assertThat(new MessageQueue(full).pending(bob, 0, 10))
          .extracting(QueuedMessage::qseq)
          .containsExactly(1L, 2L);
      assertThat(writer.committedBatches()).isEqualTo(2);
    }
  }

  private static String pragma(Connection c, String pragma) throws java.sql.SQLException {
    try (Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
