package dev.securechat.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reads a {@link WriteBatch} makes before it applies anything, each one query per {@value
 * #IN_CHUNK} keys instead of one per operation. Keys come sorted and chunks are read in order, so
 * the row locks they take (on PostgreSQL) follow one global order across all nodes' writers.
 */
final class BatchReads {

  /** Ids or names per {@code IN (...)} list. */
  static final int IN_CHUNK = 500;

  /** The batch's statement cache. */
  @FunctionalInterface
  interface Statements {
    PreparedStatement get(String sql) throws SQLException;
  }

  private final Statements statements;
  private final String forUpdate;
  private final String forShare;

  BatchReads(Statements statements, String forUpdate, String forShare) {
    this.statements = statements;
    this.forUpdate = forUpdate;
    this.forShare = forShare;
  }

  /**
   * The current session number of each account, locked shared: a login, which raises it, waits for
   * the batch, so a session is current for the whole batch or stale for the whole batch.
   */
  Map<Long, Long> sessions(Set<Long> userIds) throws SQLException {
    Map<Long, Long> sessions = new HashMap<>();
    for (List<Long> chunk : chunks(userIds)) {
      PreparedStatement select =
          statements.get(
              "SELECT id, session_no FROM users WHERE id IN ("
                  + placeholders(chunk.size())
                  + ") ORDER BY id"
                  + forShare);
      bind(select, chunk);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          sessions.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return sessions;
  }

  /** Each canonical name's account, or empty for a name nobody has. */
  Map<String, Optional<WriteBatch.Recipient>> recipients(Set<String> names) throws SQLException {
    Map<String, Optional<WriteBatch.Recipient>> found = new HashMap<>();
    for (List<String> chunk : chunks(names)) {
      PreparedStatement select =
          statements.get(
              "SELECT id, username FROM users WHERE username IN ("
                  + placeholders(chunk.size())
                  + ")");
      bind(select, chunk);
      chunk.forEach(name -> found.put(name, Optional.empty()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          found.put(
              rs.getString(2),
              Optional.of(new WriteBatch.Recipient(rs.getLong(1), rs.getString(2))));
        }
      }
    }
    return found;
  }

  /** The queue counters of each account that has them, locked for update in id order. */
  Map<Long, QueueState> queues(Set<Long> owners) throws SQLException {
    Map<Long, QueueState> queues = new HashMap<>();
    for (List<Long> chunk : chunks(owners)) {
      PreparedStatement select =
          statements.get(
              "SELECT user_id, last_qseq, pending_count, pending_bytes FROM queue_state"
                  + " WHERE user_id IN ("
                  + placeholders(chunk.size())
                  + ") ORDER BY user_id"
                  + forUpdate);
      bind(select, chunk);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          queues.put(
              rs.getLong(1), new QueueState(rs.getLong(2), rs.getLong(3), rs.getLong(4), false));
        }
      }
    }
    return queues;
  }

  /** Sorted chunks small enough for any database's limit on bound parameters. */
  private static <T> List<List<T>> chunks(Set<T> sorted) {
    List<T> all = new ArrayList<>(sorted);
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      chunks.add(all.subList(from, Math.min(all.size(), from + IN_CHUNK)));
    }
    return chunks;
  }

  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static void bind(PreparedStatement statement, List<?> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
  }
}
