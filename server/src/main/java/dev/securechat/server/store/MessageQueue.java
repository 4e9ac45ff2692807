package dev.securechat.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads of the recipients' {@code queue} and the per-pair seq counters; writes go through {@link
 * MessageWriter}.
 */
public final class MessageQueue {

  /** The recipient name that stands for the broadcast log in {@link #lastSeq}. */
  public static final String BROADCAST = "*";

  /** {@code pair_seq.recipient_id} of the broadcast log; user ids start at 1. */
  static final long BROADCAST_ID = 0;

  private final Database db;

  public MessageQueue(Database db) {
    this.db = Objects.requireNonNull(db);
  }

  /** Up to {@code limit} messages of the recipient's queue after {@code afterQseq}, in order. */
  public List<QueuedMessage> pending(long recipientId, long afterQseq, int limit) {
    return db.query(
        "queue.pending",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT q.qseq, q.id, r.username, s.username, q.server_time, q.envelope"
                      + " FROM queue q"
                      + " JOIN users r ON r.id = q.recipient_id"
                      + " JOIN users s ON s.id = q.sender_id"
                      + " WHERE q.recipient_id = ? AND q.qseq > ?"
                      + " ORDER BY q.qseq LIMIT ?")) {
            select.setLong(1, recipientId);
            select.setLong(2, afterQseq);
            select.setInt(3, limit);
            List<QueuedMessage> messages = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                messages.add(
                    new QueuedMessage(
                        recipientId,
                        rs.getString(3),
                        rs.getLong(1),
                        Uuids.fromBytes(rs.getBytes(2)),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        rs.getBytes(6)));
              }
            }
            return messages;
          }
        });
  }

  /**
   * The last seq accepted from {@code senderId} to {@code recipientOrStar} ({@link #BROADCAST} for
   * the broadcast log); 0 when none was, or when the recipient is empty or unknown.
   */
  public long lastSeq(long senderId, String recipientOrStar) {
    if (recipientOrStar == null || recipientOrStar.isEmpty()) {
      return 0;
    }
    boolean broadcast = BROADCAST.equals(recipientOrStar);
    String sql =
        broadcast
            ? "SELECT last_seq FROM pair_seq WHERE sender_id = ? AND recipient_id = ?"
            : "SELECT p.last_seq FROM pair_seq p JOIN users u ON u.id = p.recipient_id"
                + " WHERE p.sender_id = ? AND u.username = ?";
    return db.query(
        "queue.lastSeq",
        c -> {
          try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setLong(1, senderId);
            if (broadcast) {
              select.setLong(2, BROADCAST_ID);
            } else {
              select.setString(2, Accounts.normalize(recipientOrStar));
            }
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  /** Messages waiting in all queues, from the counters the writer keeps. */
  public long totalPending() {
    return db.query(
        "queue.totalPending",
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement("SELECT COALESCE(SUM(pending_count), 0) FROM queue_state");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * For each of the given accounts that exists: its current session number and the last queue
   * number assigned to it. One query per {@value BatchReads.IN_CHUNK} accounts, so a node can check
   * all its sessions at once.
   */
  public Map<Long, QueueHead> heads(Collection<Long> userIds) {
    List<Long> ids = new ArrayList<>(userIds);
    Map<Long, QueueHead> heads = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BatchReads.IN_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BatchReads.IN_CHUNK));
      db.query(
          "queue.heads",
          c -> {
            try (PreparedStatement select =
                c.prepareStatement(
                    "SELECT u.id, u.session_no, q.last_qseq FROM users u"
                        + " JOIN queue_state q ON q.user_id = u.id WHERE u.id IN ("
                        + BatchReads.placeholders(chunk.size())
                        + ")")) {
              for (int i = 0; i < chunk.size(); i++) {
                select.setLong(i + 1, chunk.get(i));
              }
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  heads.put(rs.getLong(1), new QueueHead(rs.getLong(2), rs.getLong(3)));
                }
              }
            }
            return null;
          });
    }
    return heads;
  }
}
