package dev.securechat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and pruning of the {@code broadcast_log} and the accounts' {@code broadcast_cursor}s;
 * appends and acks go through {@link MessageWriter}.
 */
public final class BroadcastLog {

  private final Database db;
  private final Clock clock;

  public BroadcastLog(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Up to {@code limit} broadcasts after {@code afterBseq}, in order, leaving out the user's own.
   */
  public List<BroadcastMessage> after(long userId, long afterBseq, int limit) {
    return db.query(
        "broadcast.after",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT b.bseq, b.id, u.username, b.server_time, b.envelope"
                      + " FROM broadcast_log b JOIN users u ON u.id = b.sender_id"
                      + " WHERE b.bseq > ? AND b.sender_id <> ?"
                      + " ORDER BY b.bseq LIMIT ?")) {
            select.setLong(1, afterBseq);
            select.setLong(2, userId);
            select.setInt(3, limit);
            List<BroadcastMessage> messages = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                messages.add(
                    new BroadcastMessage(
                        rs.getLong(1),
                        Uuids.fromBytes(rs.getBytes(2)),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getBytes(5)));
              }
            }
            return messages;
          }
        });
  }

  /**
   * Where the user resumes. A cursor that points before the oldest retained entry is moved up to
   * it, and the entries pruned in between are reported as missed.
   */
  public CatchUp catchUp(long userId) {
    return db.transaction(
        "broadcast.catchUp",
        c -> {
          long cursor = cursor(c, userId);
          long oldestRetained = oldestRetained(c);
          if (cursor >= oldestRetained - 1) {
            return new CatchUp(cursor, 0);
          }
          long moved = oldestRetained - 1;
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE broadcast_cursor SET acked_bseq = ?"
                      + " WHERE user_id = ? AND acked_bseq < ?")) {
            update.setLong(1, moved);
            update.setLong(2, userId);
            update.setLong(3, moved);
            update.executeUpdate();
          }
          return new CatchUp(moved, moved - cursor);
        });
  }

  private static long cursor(Connection c, long userId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT acked_bseq FROM broadcast_cursor WHERE user_id = ?")) {
      select.setLong(1, userId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no broadcast cursor for user id " + userId);
        }
        return rs.getLong(1);
      }
    }
  }

  /** The smallest retained bseq, or head + 1 when everything has been pruned. */
  private static long oldestRetained(Connection c) throws SQLException {
    try (PreparedStatement select =
            c.prepareStatement(
                "SELECT (SELECT MIN(bseq) FROM broadcast_log),"
                    + " (SELECT last_bseq FROM broadcast_head WHERE id = 1)");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      long oldest = rs.getLong(1);
      return rs.wasNull() ? rs.getLong(2) + 1 : oldest;
    }
  }

  /** The highest bseq assigned so far (0 before the first broadcast). */
  public long head() {
    return db.query(
        "broadcast.head",
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement("SELECT last_bseq FROM broadcast_head WHERE id = 1");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Deletes the entries stored before {@code olderThan}; returns how many. */
  public int prune(Instant olderThan) {
    return db.query(
        "broadcast.prune",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM broadcast_log WHERE server_time < ?")) {
            delete.setLong(1, olderThan.toEpochMilli());
            return delete.executeUpdate();
          }
        });
  }

  /** Prunes what is older than the configured retention. */
  public int pruneExpired() {
    return prune(clock.instant().minus(db.settings().broadcastRetention()));
  }
}
