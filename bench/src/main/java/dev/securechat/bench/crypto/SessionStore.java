package dev.securechat.bench.crypto;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * One client's local SQLite file reduced to what a ratchet state needs: the client's {@code
 * secrets} table, its pragmas ({@code LocalDb}: WAL, {@code secure_delete=ON}) with the synchronous
 * level to compare, and one UPSERT per state, in its own transaction (autocommit: SQLite wraps the
 * statement in a transaction and commits it, with the fsync the level calls for). The statement is
 * prepared once; the client's {@code LocalDb} prepares it anew on every call.
 */
final class SessionStore implements AutoCloseable {
  /**
   * SQLite's {@code synchronous}: FULL syncs the WAL at every commit, NORMAL only at checkpoints.
   */
  enum Synchronous {
    FULL,
    NORMAL
  }

  private static final String UPSERT =
      "INSERT INTO secrets (kind, peer, sealed) VALUES (?, ?, ?)"
          + " ON CONFLICT (kind, peer) DO UPDATE SET sealed = excluded.sealed";

  private final Connection db;
  private final PreparedStatement upsert;

  private SessionStore(Connection db) throws SQLException {
    this.db = db;
    this.upsert = db.prepareStatement(UPSERT);
  }

  static SessionStore open(Path file, Synchronous synchronous) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
        if (!rs.next() || !rs.getString(1).equalsIgnoreCase("wal")) {
          throw new SQLException("SQLite refused WAL for " + file);
        }
      }
      s.execute("PRAGMA synchronous=" + synchronous.name().toLowerCase(Locale.ROOT));
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("PRAGMA secure_delete=ON");
      s.execute(
          "CREATE TABLE IF NOT EXISTS secrets (kind TEXT NOT NULL, peer TEXT NOT NULL,"
              + " sealed BLOB NOT NULL, PRIMARY KEY (kind, peer))");
      return new SessionStore(c);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** Writes one sealed record and commits it. */
  void put(String kind, String peer, byte[] sealed) throws SQLException {
    upsert.setString(1, kind);
    upsert.setString(2, peer);
    upsert.setBytes(3, sealed);
    if (upsert.executeUpdate() != 1) {
      throw new SQLException("the UPSERT changed no row");
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      upsert.close();
    } finally {
      db.close();
    }
  }
}
