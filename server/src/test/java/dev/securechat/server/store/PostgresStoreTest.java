package dev.securechat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contracts on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth). The
 * class works in a database of its own, emptied before each test and dropped at the end.
 */
class PostgresStoreTest extends StoreTestBase
    implements AccountsContract, RelayContract, BroadcastContract, SessionContract {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = "postgres";
  private static String database;

  @BeforeAll
  static void createDatabase() throws Exception {
    byte[] suffix = new byte[6];
    ThreadLocalRandom.current().nextBytes(suffix);
    database = "securechat_test_" + HexFormat.of().formatHex(suffix);
    maintenance("CREATE DATABASE " + database);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (database != null) {
      maintenance("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private static void maintenance(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, null);
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  Database openEmpty() {
    Database db = Database.open(settings(SERVER + database, USER));
    db.query(
        "test.truncate",
        c -> {
          try (Statement statement = c.createStatement()) {
            statement.execute(
                "TRUNCATE audit_log, broadcast_cursor, broadcast_log, pair_seq, queue, queue_state,"
                    + " device_tokens, one_time_prekeys, users RESTART IDENTITY CASCADE");
            return statement.executeUpdate("UPDATE broadcast_head SET last_bseq = 0");
          }
        });
    return db;
  }

  @Test
  void isPostgres() {
    assertThat(db().vendor()).isEqualTo("postgresql");
  }
}
