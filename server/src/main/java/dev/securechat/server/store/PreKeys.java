package dev.securechat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The published keys of each account and its {@code one_time_prekeys}. */
public final class PreKeys {

  private final Database db;
  private final String takeOne;

  public PreKeys(Database db) {
    this.db = Objects.requireNonNull(db);
    // SKIP LOCKED lets concurrent fetches on PostgreSQL take different keys instead of queueing
    // on (and then missing) the same row; SQLite serializes writers, so it needs no lock clause.
    this.takeOne =
        "DELETE FROM one_time_prekeys WHERE (user_id, key_id) = ("
            + "SELECT user_id, key_id FROM one_time_prekeys WHERE user_id = ?"
            + " ORDER BY key_id LIMIT 1"
            + (db.isPostgres() ? " FOR UPDATE SKIP LOCKED" : "")
            + ") RETURNING key_id, public_key";
  }

  /**
   * The account's public keys with one one-time prekey, which is deleted in the same transaction so
   * that no two callers ever get the same one.
   */
  public Optional<PublicBundle> fetch(String username) {
    return db.transaction(
        "prekeys.fetch",
        c -> {
          long userId;
          String name;
          byte[] identityKey;
          byte[] keyBundle;
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT id, username, identity_key, key_bundle FROM users WHERE username = ?")) {
            select.setString(1, Accounts.normalize(username));
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              userId = rs.getLong(1);
              name = rs.getString(2);
              identityKey = rs.getBytes(3);
              keyBundle = rs.getBytes(4);
            }
          }
          Optional<PreKey> oneTime = Optional.empty();
          try (PreparedStatement delete = c.prepareStatement(takeOne)) {
            delete.setLong(1, userId);
            try (ResultSet rs = delete.executeQuery()) {
              if (rs.next()) {
                oneTime = Optional.of(new PreKey(rs.getInt(1), rs.getBytes(2)));
              }
            }
          }
          return Optional.of(new PublicBundle(name, identityKey, keyBundle, oneTime));
        });
  }

  /** Adds one-time prekeys; an id the account already has keeps its first key. */
  public void add(long userId, List<PreKey> keys) {
    db.transaction("prekeys.add", c -> insert(c, userId, keys));
  }

  static int insert(Connection c, long userId, List<PreKey> keys) throws SQLException {
    if (keys.isEmpty()) {
      return 0;
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO one_time_prekeys (user_id, key_id, public_key) VALUES (?, ?, ?)"
                + " ON CONFLICT (user_id, key_id) DO NOTHING")) {
      for (PreKey key : keys) {
        insert.setLong(1, userId);
        insert.setInt(2, key.id());
        insert.setBytes(3, key.publicKey());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return keys.size();
  }

  public int remaining(long userId) {
    return db.query(
        "prekeys.remaining",
        c -> {
          try (PreparedStatement count =
              c.prepareStatement("SELECT COUNT(*) FROM one_time_prekeys WHERE user_id = ?")) {
            count.setLong(1, userId);
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }
}
