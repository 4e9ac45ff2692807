package dev.securechat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The {@code users} and {@code device_tokens} tables. */
public final class Accounts {

  private final Database db;
  private final Clock clock;

  public Accounts(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db);
    this.clock = Objects.requireNonNull(clock);
  }

  static String normalize(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /**
   * Creates the account with its prekeys, an empty queue and a broadcast cursor at the log's head,
   * all or nothing. Conflicts are checked first and, for a concurrent registration that slips past
   * the check, recognized from the unique constraint.
   */
  public CreateResult create(NewAccount account) {
    String username = normalize(account.username());
    try {
      return db.inTransaction(c -> insert(c, username, account));
    } catch (SQLException e) {
      if (!Database.isUniqueViolation(e)) {
        throw new StoreException("accounts.create", e);
      }
      CreateResult conflict =
          db.query("accounts.create", c -> conflict(c, username, account.identityKey()));
      if (conflict == null) {
        throw new StoreException("accounts.create", e);
      }
      return conflict;
    }
  }

  private CreateResult insert(Connection c, String username, NewAccount account)
      throws SQLException {
    CreateResult conflict = conflict(c, username, account.identityKey());
    if (conflict != null) {
      return conflict;
    }
    long userId;
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO users (username, secret_hash, identity_key, key_bundle, session_no,"
                + " created_at) VALUES (?, ?, ?, ?, 0, ?) RETURNING id")) {
      insert.setString(1, username);
      insert.setBytes(2, account.secretHash());
      insert.setBytes(3, account.identityKey());
      insert.setBytes(4, account.keyBundle());
      insert.setLong(5, clock.millis());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        userId = rs.getLong(1);
      }
    }
    PreKeys.insert(c, userId, account.oneTimePreKeys());
    try (PreparedStatement queue =
        c.prepareStatement(
            "INSERT INTO queue_state (user_id, last_qseq, pending_count, pending_bytes)"
                + " VALUES (?, 0, 0, 0)")) {
      queue.setLong(1, userId);
      queue.executeUpdate();
    }
    // A new account owes nothing to the broadcasts sent before it existed.
    try (PreparedStatement cursor =
        c.prepareStatement(
            "INSERT INTO broadcast_cursor (user_id, acked_bseq)"
                + " SELECT ?, last_bseq FROM broadcast_head WHERE id = 1")) {
      cursor.setLong(1, userId);
      cursor.executeUpdate();
    }
    return new CreateResult.Created(userId);
  }

  /** The conflict that stops {@code username} or {@code identityKey} from registering, or null. */
  private static CreateResult conflict(Connection c, String username, byte[] identityKey)
      throws SQLException {
    if (exists(c, "SELECT 1 FROM users WHERE username = ?", username)) {
      return new CreateResult.UsernameTaken();
    }
    if (exists(c, "SELECT 1 FROM users WHERE identity_key = ?", identityKey)) {
      return new CreateResult.IdentityKeyTaken();
    }
    return null;
  }

  private static boolean exists(Connection c, String sql, Object key) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setObject(1, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  public Optional<Account> find(String username) {
    return db.query(
        "accounts.find",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT id, username, secret_hash, session_no, created_at, locked FROM users"
                      + " WHERE username = ?")) {
            select.setString(1, normalize(username));
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Account(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getBytes(3),
                      rs.getLong(4),
                      Instant.ofEpochMilli(rs.getLong(5)),
                      rs.getBoolean(6)));
            }
          }
        });
  }

  /** Raises the account's session number; a session holding an older number is stale. */
  public long nextSession(long userId) {
    return db.query(
        "accounts.nextSession",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE users SET session_no = session_no + 1 WHERE id = ? RETURNING session_no")) {
            update.setLong(1, userId);
            try (ResultSet rs = update.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalArgumentException("no account with id " + userId);
              }
              return rs.getLong(1);
            }
          }
        });
  }

  /** Replaces the published key bundle; the identity key never changes for an account. */
  public void replaceKeyBundle(long userId, byte[] keyBundle) {
    Objects.requireNonNull(keyBundle, "keyBundle");
    db.query(
        "accounts.replaceKeyBundle",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement("UPDATE users SET key_bundle = ? WHERE id = ?")) {
            update.setBytes(1, keyBundle);
            update.setLong(2, userId);
            return update.executeUpdate();
          }
        });
  }

  /**
   * Locks or unlocks an account; returns false when there is no such account. The device token is
   * kept, so a resume after an unlock works again and a resume while locked is told why.
   */
  public boolean setLocked(String username, boolean locked) {
    return db.query(
        "accounts.setLocked",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement("UPDATE users SET locked = ? WHERE username = ?")) {
            update.setBoolean(1, locked);
            update.setString(2, normalize(username));
            return update.executeUpdate() == 1;
          }
        });
  }

  /** The locked accounts' names, sorted by code point. */
  public List<String> lockedUsernames() {
    List<String> names =
        db.query(
            "accounts.lockedUsernames",
            c -> {
              List<String> all = new ArrayList<>();
              try (PreparedStatement select =
                  c.prepareStatement("SELECT username FROM users WHERE locked = ?")) {
                select.setBoolean(1, true);
                try (ResultSet rs = select.executeQuery()) {
                  while (rs.next()) {
                    all.add(rs.getString(1));
                  }
                }
              }
              return all;
            });
    names.sort(null);
    return names;
  }

  /** Keeps only the newest device token: a login replaces the previous one. */
  public void replaceDeviceToken(long userId, byte[] tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    db.query(
        "accounts.replaceDeviceToken",
        c -> {
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO device_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (user_id) DO UPDATE"
                      + " SET token_hash = excluded.token_hash, created_at = excluded.created_at")) {
            upsert.setLong(1, userId);
            upsert.setBytes(2, tokenHash);
            upsert.setLong(3, clock.millis());
            return upsert.executeUpdate();
          }
        });
  }

  public Optional<byte[]> deviceTokenHash(long userId) {
    return db.query(
        "accounts.deviceTokenHash",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT token_hash FROM device_tokens WHERE user_id = ?")) {
            select.setLong(1, userId);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
          }
        });
  }

  public void revokeDeviceToken(long userId) {
    db.query(
        "accounts.revokeDeviceToken",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM device_tokens WHERE user_id = ?")) {
            delete.setLong(1, userId);
            return delete.executeUpdate();
          }
        });
  }

  /** All usernames, sorted by code point (not by the database's collation, which may differ). */
  public List<String> usernames() {
    List<String> names =
        db.query(
            "accounts.usernames",
            c -> {
              List<String> all = new ArrayList<>();
              try (PreparedStatement select = c.prepareStatement("SELECT username FROM users");
                  ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  all.add(rs.getString(1));
                }
              }
              return all;
            });
    names.sort(null);
    return names;
  }

  public long count() {
    return db.query(
        "accounts.count",
        c -> {
          try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM users");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
