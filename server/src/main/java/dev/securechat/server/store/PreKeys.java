package dev.securechat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The published keys of each account, its {@code one_time_prekeys}, and the {@code prekey_grants}
 * that ration them.
 */
public final class PreKeys {

  /**
   * One-time prekeys one account may take of another per {@link #GRANT_WINDOW}. A client needs one
   * per session it starts, so a few cover resets and reinstalls; beyond them the bundle comes
   * without one (the session starts without DH2, as with an empty supply) instead of letting any
   * account drain another's keys by fetching in a loop.
   */
  static final int GRANTS_PER_PAIR = 3;

  static final Duration GRANT_WINDOW = Duration.ofDays(1);

  private final Database db;
  private final Clock clock;
  private final String takeOne;

  public PreKeys(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db);
    this.clock = Objects.requireNonNull(clock);
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
   * {@code username}'s public keys for {@code requesterId}, with one one-time prekey unless the
   * requester has had {@link #GRANTS_PER_PAIR} of this account's within the window. The key is
   * deleted in the same transaction, so no two callers ever get the same one.
   */
  public Optional<PublicBundle> fetch(long requesterId, String username) {
    long now = clock.millis();
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
          Optional<PreKey> oneTime =
              granted(c, requesterId, userId, now) < GRANTS_PER_PAIR
                  ? take(c, requesterId, userId, now)
                  : Optional.empty();
          return Optional.of(new PublicBundle(name, identityKey, keyBundle, oneTime));
        });
  }

  private static int granted(Connection c, long requesterId, long userId, long now)
      throws SQLException {
    try (PreparedStatement count =
        c.prepareStatement(
            "SELECT COUNT(*) FROM prekey_grants"
                + " WHERE requester_id = ? AND target_id = ? AND granted_at > ?")) {
      count.setLong(1, requesterId);
      count.setLong(2, userId);
      count.setLong(3, now - GRANT_WINDOW.toMillis());
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private Optional<PreKey> take(Connection c, long requesterId, long userId, long now)
      throws SQLException {
    Optional<PreKey> oneTime = Optional.empty();
    try (PreparedStatement delete = c.prepareStatement(takeOne)) {
      delete.setLong(1, userId);
      try (ResultSet rs = delete.executeQuery()) {
        if (rs.next()) {
          oneTime = Optional.of(new PreKey(rs.getInt(1), rs.getBytes(2)));
        }
      }
    }
    if (oneTime.isPresent()) {
      try (PreparedStatement grant =
          c.prepareStatement(
              "INSERT INTO prekey_grants (requester_id, target_id, granted_at) VALUES (?, ?, ?)")) {
        grant.setLong(1, requesterId);
        grant.setLong(2, userId);
        grant.setLong(3, now);
        grant.executeUpdate();
      }
    }
    return oneTime;
  }

  /** Forgets grants that no longer count; returns how many. */
  public int pruneGrants() {
    Instant before = clock.instant().minus(GRANT_WINDOW);
    return db.query(
        "prekeys.prune",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM prekey_grants WHERE granted_at <= ?")) {
            delete.setLong(1, before.toEpochMilli());
            return delete.executeUpdate();
          }
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
