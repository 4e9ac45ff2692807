package dev.securechat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies one batch of writer operations inside the writer's transaction. Every counter it needs is
 * read in that transaction (locked on PostgreSQL) and kept in maps for the rest of the batch, so
 * later operations see the effects of earlier ones; the maps die with the batch, so nothing
 * survives a rollback.
 *
 * <p>On PostgreSQL several nodes' writers run at once. {@link #prepare} therefore takes every row
 * lock a batch needs up front and in one global order (senders' {@code users} rows shared, then
 * {@code queue_state} rows by user id, then {@code broadcast_head}), so two batches can wait for
 * each other but never deadlock; {@code pair_seq} rows, locked later, belong to the sender, whose
 * current session is on one node only.
 */
final class WriteBatch implements AutoCloseable {

  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private static final String INSERT_QUEUE =
      "INSERT INTO queue (recipient_id, qseq, id, sender_id, server_time, envelope)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String INSERT_BROADCAST =
      "INSERT INTO broadcast_log (bseq, id, sender_id, server_time, envelope)"
          + " VALUES (?, ?, ?, ?, ?)";

  /** An account that direct messages go to. */
  record Recipient(long id, String name) {}

  private record PairKey(long senderId, long recipientId) {}

  private final Connection connection;
  private final StoreSettings limits;
  private final Instant now;
  private final String forUpdate;
  private final BatchReads reads;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<Long, Long> sessions = new HashMap<>();
  private final Map<String, Optional<Recipient>> recipients = new HashMap<>();
  private final Map<Long, QueueState> queues = new LinkedHashMap<>();
  private final Map<PairKey, PairState> pairs = new LinkedHashMap<>();
  private final List<QueuedMessage> directs = new ArrayList<>();
  private final List<BroadcastMessage> broadcasts = new ArrayList<>();
  private long head = -1;
  private boolean headLocked;
  private boolean headDirty;
  private boolean queueRowsUnflushed;
  private boolean broadcastRowsUnflushed;
  private boolean changedAcks;
  // Broadcast acks are cumulative: only each user's highest in the batch needs writing.
  private final Map<Long, Long> broadcastAcks = new LinkedHashMap<>();

  WriteBatch(Connection connection, Database db, StoreSettings limits, Instant now) {
    this.connection = connection;
    this.limits = limits;
    this.now = now;
    this.forUpdate = db.forUpdate();
    this.reads = new BatchReads(this::statement, forUpdate, db.forShare());
  }

  /**
   * Reads, and on PostgreSQL locks, what the batch will need, in the global lock order: the current
   * session of every sender and acknowledger (shared: a login waits for this batch, so a session is
   * either current for the whole batch or stale for the whole batch), then the queue counters of
   * every recipient and acknowledger by ascending id, then the broadcast head.
   */
  void prepare(List<WriteOp> batch) throws SQLException {
    Set<Long> users = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    Set<Long> acking = new TreeSet<>();
    boolean appendsBroadcast = false;
    for (WriteOp op : batch) {
      switch (op) {
        case WriteOp.Direct d -> names.add(Accounts.normalize(d.recipient()));
        case WriteOp.Broadcast b -> appendsBroadcast = true;
        case WriteOp.AckDirect a -> acking.add(a.userId());
        case WriteOp.AckBroadcast a -> {}
        case WriteOp.Stop stop -> throw new IllegalArgumentException("stop is not an operation");
      }
      users.add(((WriteOp.BySession) op).userId());
    }
    sessions.putAll(reads.sessions(users));
    recipients.putAll(reads.recipients(names));
    Set<Long> queueOwners = new TreeSet<>(acking);
    recipients.values().forEach(r -> r.ifPresent(found -> queueOwners.add(found.id())));
    queues.putAll(reads.queues(queueOwners));
    if (appendsBroadcast) {
      head(true);
    }
  }

  /**
   * Whether {@code op}'s session is still its account's current one; call after prepare. An account
   * that does not exist has no session to protect: its operations are applied and find nothing to
   * change, as before sessions were checked.
   */
  boolean current(WriteOp.BySession op) {
    Long current = sessions.get(op.userId());
    return current == null || current == op.sessionNo();
  }

  /** The answer for a send, null for an ack. */
  SendOutcome apply(WriteOp op) throws SQLException {
    return switch (op) {
      case WriteOp.Direct direct -> direct(direct);
      case WriteOp.Broadcast broadcast -> broadcast(broadcast);
      case WriteOp.AckDirect ack -> {
        ackDirect(ack.userId(), ack.upToQseq());
        yield null;
      }
      case WriteOp.AckBroadcast ack -> {
        broadcastAcks.merge(ack.userId(), ack.upToBseq(), Math::max);
        yield null;
      }
      case WriteOp.Stop stop -> throw new IllegalArgumentException("stop is not an operation");
    };
  }

  private SendOutcome direct(WriteOp.Direct op) throws SQLException {
    Optional<Recipient> found = recipient(op.recipient());
    if (found.isEmpty()) {
      return new SendOutcome.Rejected(op.id(), SendOutcome.Reason.UNKNOWN_RECIPIENT, 0);
    }
    Recipient recipient = found.get();
    PairKey key = new PairKey(op.userId(), recipient.id());
    PairState pair = pair(key);
    Optional<SendOutcome> answer = pair.check(op.id(), op.seq());
    if (answer.isPresent()) {
      return answer.get();
    }
    QueueState queue = queue(recipient.id());
    if (queue == null) {
      throw new SQLException("recipient " + recipient.id() + " has no queue_state row");
    }
    if (queue.full(limits)) {
      return new SendOutcome.Busy(op.id(), RETRY_AFTER);
    }
    byte[] id = Uuids.toBytes(op.id());
    QueueState appended = queue.append(op.envelope().length);
    queues.put(recipient.id(), appended);
    pairs.put(key, pair.advance(id));
    PreparedStatement insert = statement(INSERT_QUEUE);
    insert.setLong(1, recipient.id());
    insert.setLong(2, appended.lastQseq());
    insert.setBytes(3, id);
    insert.setLong(4, op.userId());
    insert.setLong(5, now.toEpochMilli());
    insert.setBytes(6, op.envelope());
    insert.addBatch();
    queueRowsUnflushed = true;
    directs.add(
        new QueuedMessage(
            recipient.id(),
            recipient.name(),
            appended.lastQseq(),
            op.id(),
            op.sender(),
            now,
            op.envelope()));
    return new SendOutcome.Stored(op.id(), false);
  }

  private SendOutcome broadcast(WriteOp.Broadcast op) throws SQLException {
    PairKey key = new PairKey(op.userId(), MessageQueue.BROADCAST_ID);
    PairState pair = pair(key);
    Optional<SendOutcome> answer = pair.check(op.id(), op.seq());
    if (answer.isPresent()) {
      return answer.get();
    }
    byte[] id = Uuids.toBytes(op.id());
    long bseq = head(true) + 1;
    head = bseq;
    headDirty = true;
    pairs.put(key, pair.advance(id));
    PreparedStatement insert = statement(INSERT_BROADCAST);
    insert.setLong(1, bseq);
    insert.setBytes(2, id);
    insert.setLong(3, op.userId());
    insert.setLong(4, now.toEpochMilli());
    insert.setBytes(5, op.envelope());
    insert.addBatch();
    broadcastRowsUnflushed = true;
    broadcasts.add(new BroadcastMessage(bseq, op.id(), op.sender(), now, op.envelope()));
    return new SendOutcome.Stored(op.id(), false);
  }

  /** Deletes the whole range up to {@code upToQseq} at once and gives the quota back. */
  private void ackDirect(long userId, long upToQseq) throws SQLException {
    QueueState queue = queue(userId);
    if (queue == null) {
      return;
    }
    flushQueueRows();
    PreparedStatement delete =
        statement(
            "DELETE FROM queue WHERE recipient_id = ? AND qseq <= ? RETURNING LENGTH(envelope)");
    delete.setLong(1, userId);
    delete.setLong(2, upToQseq);
    long count = 0;
    long bytes = 0;
    try (ResultSet rs = delete.executeQuery()) {
      while (rs.next()) {
        count++;
        bytes += rs.getLong(1);
      }
    }
    if (count > 0) {
      queues.put(userId, queue.remove(count, bytes));
      changedAcks = true;
    }
  }

  /**
   * Moves each acking user's cursor forward only, and never past the head: a client cannot skip the
   * future. One update per user per batch: every recipient acks every broadcast, so with one update
   * per ack the writer spent its time on cursors (bench broadcast: 20,000 acks a second).
   */
  private void writeBroadcastAcks() throws SQLException {
    if (broadcastAcks.isEmpty()) {
      return;
    }
    long limit = head(false);
    PreparedStatement update =
        statement(
            "UPDATE broadcast_cursor SET acked_bseq = ? WHERE user_id = ? AND acked_bseq < ?");
    for (Map.Entry<Long, Long> ack : broadcastAcks.entrySet()) {
      long upTo = Math.min(ack.getValue(), limit);
      update.setLong(1, upTo);
      update.setLong(2, ack.getKey());
      update.setLong(3, upTo);
      update.addBatch();
    }
    for (int changed : update.executeBatch()) {
      if (changed != 0) {
        changedAcks = true; // a count, or SUCCESS_NO_INFO from a driver that does not count
      }
    }
  }

  /** Writes the rows still batched and the changed counters; call once, after the last apply. */
  void finish() throws SQLException {
    flushQueueRows();
    if (broadcastRowsUnflushed) {
      statement(INSERT_BROADCAST).executeBatch();
      broadcastRowsUnflushed = false;
    }
    writeBroadcastAcks();
    writeQueueStates();
    writePairs();
    if (headDirty) {
      PreparedStatement update = statement("UPDATE broadcast_head SET last_bseq = ? WHERE id = 1");
      update.setLong(1, head);
      update.executeUpdate();
    }
  }

  List<QueuedMessage> directs() {
    return directs;
  }

  /**
   * Whether the batch changed anything. A transaction that changed nothing commits without touching
   * the disk, so its success says nothing about a disk that was failing.
   */
  boolean wrote() {
    return changedAcks || !directs.isEmpty() || !broadcasts.isEmpty();
  }

  List<BroadcastMessage> broadcasts() {
    return broadcasts;
  }

  private void flushQueueRows() throws SQLException {
    if (queueRowsUnflushed) {
      statement(INSERT_QUEUE).executeBatch();
      queueRowsUnflushed = false;
    }
  }

  private void writeQueueStates() throws SQLException {
    PreparedStatement update = null;
    for (Map.Entry<Long, QueueState> entry : queues.entrySet()) {
      QueueState state = entry.getValue();
      if (!state.dirty()) {
        continue;
      }
      if (update == null) {
        update =
            statement(
                "UPDATE queue_state SET last_qseq = ?, pending_count = ?, pending_bytes = ?"
                    + " WHERE user_id = ?");
      }
      update.setLong(1, state.lastQseq());
      update.setLong(2, state.pendingCount());
      update.setLong(3, state.pendingBytes());
      update.setLong(4, entry.getKey());
      update.addBatch();
    }
    if (update != null) {
      update.executeBatch();
    }
  }

  /**
   * New pairs are inserted, not upserted: should another node race us to the same new pair, the
   * primary key fails this batch instead of silently accepting one seq twice.
   */
  private void writePairs() throws SQLException {
    PreparedStatement insert = null;
    PreparedStatement update = null;
    for (Map.Entry<PairKey, PairState> entry : pairs.entrySet()) {
      PairState state = entry.getValue();
      if (!state.dirty()) {
        continue;
      }
      PreparedStatement statement;
      if (state.stored()) {
        if (update == null) {
          update =
              statement(
                  "UPDATE pair_seq SET last_seq = ?, last_id = ?"
                      + " WHERE sender_id = ? AND recipient_id = ?");
        }
        statement = update;
      } else {
        if (insert == null) {
          insert =
              statement(
                  "INSERT INTO pair_seq (last_seq, last_id, sender_id, recipient_id)"
                      + " VALUES (?, ?, ?, ?)");
        }
        statement = insert;
      }
      statement.setLong(1, state.lastSeq());
      statement.setBytes(2, state.lastId());
      statement.setLong(3, entry.getKey().senderId());
      statement.setLong(4, entry.getKey().recipientId());
      statement.addBatch();
    }
    if (insert != null) {
      insert.executeBatch();
    }
    if (update != null) {
      update.executeBatch();
    }
  }

  private Optional<Recipient> recipient(String username) throws SQLException {
    String name = Accounts.normalize(username);
    Optional<Recipient> cached = recipients.get(name);
    if (cached != null) {
      return cached;
    }
    PreparedStatement select = statement("SELECT id FROM users WHERE username = ?");
    select.setString(1, name);
    Optional<Recipient> found;
    try (ResultSet rs = select.executeQuery()) {
      found = rs.next() ? Optional.of(new Recipient(rs.getLong(1), name)) : Optional.empty();
    }
    recipients.put(name, found);
    return found;
  }

  private PairState pair(PairKey key) throws SQLException {
    PairState cached = pairs.get(key);
    if (cached != null) {
      return cached;
    }
    PreparedStatement select =
        statement(
            "SELECT last_seq, last_id FROM pair_seq WHERE sender_id = ? AND recipient_id = ?"
                + forUpdate);
    select.setLong(1, key.senderId());
    select.setLong(2, key.recipientId());
    PairState state;
    try (ResultSet rs = select.executeQuery()) {
      state =
          rs.next() ? new PairState(rs.getLong(1), rs.getBytes(2), true, false) : PairState.NONE;
    }
    pairs.put(key, state);
    return state;
  }

  /** The user's queue counters, or null for a user without a queue (no such account). */
  private QueueState queue(long userId) throws SQLException {
    QueueState cached = queues.get(userId);
    if (cached != null) {
      return cached;
    }
    PreparedStatement select =
        statement(
            "SELECT last_qseq, pending_count, pending_bytes FROM queue_state WHERE user_id = ?"
                + forUpdate);
    select.setLong(1, userId);
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      QueueState state = new QueueState(rs.getLong(1), rs.getLong(2), rs.getLong(3), false);
      queues.put(userId, state);
      return state;
    }
  }

  /**
   * The broadcast head as this batch sees it. Appending locks the row on PostgreSQL so that
   * concurrent nodes number broadcasts in commit order; clamping an ack does not need the lock.
   */
  private long head(boolean forAppend) throws SQLException {
    if (head >= 0 && (headLocked || !forAppend)) {
      return head;
    }
    PreparedStatement select =
        statement(
            "SELECT last_bseq FROM broadcast_head WHERE id = 1" + (forAppend ? forUpdate : ""));
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("broadcast_head has no row");
      }
      head = rs.getLong(1);
    }
    headLocked = forAppend;
    return head;
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
