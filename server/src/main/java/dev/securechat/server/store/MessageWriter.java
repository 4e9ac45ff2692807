package dev.securechat.server.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the relay path (group commit). One thread takes the first waiting operation,
 * drains everything else that arrived meanwhile, applies the lot in one transaction, commits, and
 * only then answers each caller and tells the {@link CommitListener}. Every send and ack carries
 * its session number; one that came from a session the account has since replaced is refused
 * ({@code SESSION_REPLACED}) in the same transaction, so a stale connection on another node can
 * never write after a newer login.
 *
 * <p>A batch that fails while the storage was healthy is tried once more at once: a connection the
 * failure broke has been evicted from the pool by then ({@link Database#inTransaction}), so the
 * retry hides a single broken connection; it is safe because a rolled-back batch left nothing
 * behind and a resent seq is recognised. A batch that fails again, or fails during an outage,
 * answers every send {@link SendOutcome.Unavailable} (the client keeps the message and retries) and
 * fails every ack (the messages are delivered again at the next login); the failure goes to the
 * store's {@link StorageHealth}, which logs once per outage, and the thread carries on with the
 * next batch.
 */
public final class MessageWriter implements AutoCloseable {

  static final int MAX_BATCH = 4096;

  /** The soonest a sender should retry after a storage failure; clients add their own backoff. */
  static final Duration STORAGE_RETRY_AFTER = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
  private static final WriteOp STOP = new WriteOp.Stop();

  /** {@code users.session_no} of an account that has never logged in. */
  static final long NO_LOGIN = 0;

  private final Database db;
  private final StorageHealth health;
  private final StoreSettings limits;
  private final Clock clock;
  private final CommitListener listener;
  private final BlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>();
  private final Object submitLock = new Object();
  private boolean closed; // guarded by submitLock; once set, STOP is the last element queued
  private final AtomicLong committedBatches = new AtomicLong();
  private final AtomicLong committedMessages = new AtomicLong();
  private final Thread thread;

  public MessageWriter(Database db, StoreSettings limits, Clock clock, CommitListener listener) {
    this.db = Objects.requireNonNull(db);
    this.health = db.health();
    this.limits = Objects.requireNonNull(limits);
    this.clock = Objects.requireNonNull(clock);
    this.listener = Objects.requireNonNull(listener);
    // Daemon: acknowledged work is already durable, so a forgotten close() loses nothing.
    this.thread = Thread.ofPlatform().name("message-writer").daemon(true).start(this::run);
  }

  /**
   * Appends {@code envelope} to {@code recipient}'s queue if {@code seq} is the pair's next one and
   * {@code sessionNo} is still the sender's current session.
   *
   * @throws IllegalArgumentException if {@code seq < 1}: the protocol layer rejects such frames
   */
  public CompletableFuture<SendOutcome> direct(
      long senderId,
      long sessionNo,
      String sender,
      UUID id,
      long seq,
      String recipient,
      byte[] envelope) {
    requireSeq(seq);
    var op =
        new WriteOp.Direct(
            senderId,
            sessionNo,
            Objects.requireNonNull(sender, "sender"),
            Objects.requireNonNull(id, "id"),
            seq,
            Objects.requireNonNull(recipient, "recipient"),
            Objects.requireNonNull(envelope, "envelope"),
            new CompletableFuture<>());
    submit(op);
    return op.result();
  }

  /**
   * As {@link #direct(long, long, String, UUID, long, String, byte[])} for a sender that has never
   * logged in (session 0): tools and tests that write without a chat session.
   */
  public CompletableFuture<SendOutcome> direct(
      long senderId, String sender, UUID id, long seq, String recipient, byte[] envelope) {
    return direct(senderId, NO_LOGIN, sender, id, seq, recipient, envelope);
  }

  /**
   * Appends {@code envelope} once to the broadcast log if {@code seq} is the sender's next
   * broadcast seq and {@code sessionNo} is still the sender's current session.
   *
   * @throws IllegalArgumentException if {@code seq < 1}
   */
  public CompletableFuture<SendOutcome> broadcast(
      long senderId, long sessionNo, String sender, UUID id, long seq, byte[] envelope) {
    requireSeq(seq);
    var op =
        new WriteOp.Broadcast(
            senderId,
            sessionNo,
            Objects.requireNonNull(sender, "sender"),
            Objects.requireNonNull(id, "id"),
            seq,
            Objects.requireNonNull(envelope, "envelope"),
            new CompletableFuture<>());
    submit(op);
    return op.result();
  }

  /** As {@link #broadcast(long, long, String, UUID, long, byte[])} for session 0. */
  public CompletableFuture<SendOutcome> broadcast(
      long senderId, String sender, UUID id, long seq, byte[] envelope) {
    return broadcast(senderId, NO_LOGIN, sender, id, seq, envelope);
  }

  /**
   * Deletes the user's queued messages up to and including {@code upToQseq}. Fails with {@link
   * SessionReplacedException} if {@code sessionNo} is no longer the user's current session.
   */
  public CompletableFuture<Void> ackDirect(long userId, long sessionNo, long upToQseq) {
    var op = new WriteOp.AckDirect(userId, sessionNo, upToQseq, new CompletableFuture<>());
    submit(op);
    return op.result();
  }

  /** As {@link #ackDirect(long, long, long)} for session 0. */
  public CompletableFuture<Void> ackDirect(long userId, long upToQseq) {
    return ackDirect(userId, NO_LOGIN, upToQseq);
  }

  /**
   * Moves the user's broadcast cursor up to {@code upToBseq} (never back, never past the head).
   * Fails with {@link SessionReplacedException} for a replaced session.
   */
  public CompletableFuture<Void> ackBroadcast(long userId, long sessionNo, long upToBseq) {
    var op = new WriteOp.AckBroadcast(userId, sessionNo, upToBseq, new CompletableFuture<>());
    submit(op);
    return op.result();
  }

  /** As {@link #ackBroadcast(long, long, long)} for session 0. */
  public CompletableFuture<Void> ackBroadcast(long userId, long upToBseq) {
    return ackBroadcast(userId, NO_LOGIN, upToBseq);
  }

  /** Operations submitted and not yet taken into a batch. */
  public int waiting() {
    return queue.size();
  }

  /** Transactions committed so far. */
  public long committedBatches() {
    return committedBatches.get();
  }

  /** Messages (direct and broadcast) newly stored by those transactions. */
  public long committedMessages() {
    return committedMessages.get();
  }

  private static void requireSeq(long seq) {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, was " + seq);
    }
  }

  private void submit(WriteOp op) {
    synchronized (submitLock) {
      if (!closed) {
        queue.add(op);
        return;
      }
    }
    failClosed(op);
  }

  private void run() {
    List<WriteOp> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        boolean stop = batch.getLast() == STOP;
        if (stop) {
          batch.removeLast();
        }
        if (!batch.isEmpty()) {
          write(batch);
        }
        batch.clear();
        if (stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("message writer interrupted; it stops and fails what is still queued");
    } finally {
      // Empty after a normal stop. After an interrupt or an Error nobody else would answer these;
      // futures that were already answered ignore the second completion.
      synchronized (submitLock) {
        closed = true;
      }
      queue.drainTo(batch);
      batch.forEach(MessageWriter::failClosed);
    }
  }

  /** {@code stale[i]}: operation i came from a replaced session and was not applied. */
  private record Committed(
      SendOutcome[] outcomes,
      boolean[] stale,
      List<QueuedMessage> directs,
      List<BroadcastMessage> broadcasts,
      boolean wrote) {}

  private void write(List<WriteOp> batch) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    boolean wasHealthy = health.isHealthy();
    Committed committed;
    try {
      committed = commit(batch, now);
    } catch (SQLException first) {
      if (!wasHealthy || !StorageProblem.isStorageFailure(first)) {
        failed(batch, first);
        return;
      }
      log.debug("A batch of {} operations failed; trying it once more", batch.size(), first);
      try {
        committed = commit(batch, now);
      } catch (SQLException second) {
        second.addSuppressed(first);
        failed(batch, second);
        return;
      } catch (RuntimeException e) {
        bug(batch, e);
        return;
      }
    } catch (RuntimeException e) {
      bug(batch, e);
      return;
    }
    if (committed.wrote()) {
      health.succeeded();
    }
    committedBatches.incrementAndGet();
    committedMessages.addAndGet(committed.directs().size() + committed.broadcasts().size());
    for (int i = 0; i < batch.size(); i++) {
      boolean stale = committed.stale()[i];
      switch (batch.get(i)) {
        case WriteOp.Send send ->
            send.result()
                .complete(
                    stale
                        ? new SendOutcome.Rejected(
                            send.id(), SendOutcome.Reason.SESSION_REPLACED, 0)
                        : committed.outcomes()[i]);
        case WriteOp.Ack ack -> {
          if (stale) {
            ack.result()
                .completeExceptionally(new SessionReplacedException(ack.userId(), ack.sessionNo()));
          } else {
            ack.result().complete(null);
          }
        }
        case WriteOp.Stop stop -> throw new IllegalStateException("stop inside a batch");
      }
    }
    if (committed.directs().isEmpty() && committed.broadcasts().isEmpty()) {
      return;
    }
    try {
      listener.committed(List.copyOf(committed.directs()), List.copyOf(committed.broadcasts()));
    } catch (RuntimeException e) {
      log.error("commit listener failed; the messages are stored all the same", e);
    }
  }

  private Committed commit(List<WriteOp> batch, Instant now) throws SQLException {
    return db.inTransaction(
        connection -> {
          try (WriteBatch writes = new WriteBatch(connection, db, limits, now)) {
            writes.prepare(batch);
            SendOutcome[] outcomes = new SendOutcome[batch.size()];
            boolean[] stale = new boolean[batch.size()];
            for (int i = 0; i < outcomes.length; i++) {
              WriteOp op = batch.get(i);
              if (op instanceof WriteOp.BySession by && !writes.current(by)) {
                stale[i] = true;
              } else {
                outcomes[i] = writes.apply(op);
              }
            }
            writes.finish();
            return new Committed(
                outcomes, stale, writes.directs(), writes.broadcasts(), writes.wrote());
          }
        });
  }

  /** A commit that failed: the storage's fault is counted once per outage, anything else logged. */
  private void failed(List<WriteOp> batch, SQLException e) {
    if (StorageProblem.isStorageFailure(e)) {
      health.failed("writer.commit", e);
    } else {
      log.warn("message batch of {} operations rolled back", batch.size(), e);
    }
    failUnavailable(batch, new StoreException("writer.commit", e));
  }

  private static void bug(List<WriteOp> batch, RuntimeException e) {
    log.error("message batch of {} operations rolled back by a bug", batch.size(), e);
    failUnavailable(batch, new StoreException("writer.commit", e));
  }

  private static void failUnavailable(List<WriteOp> batch, StoreException failure) {
    for (WriteOp op : batch) {
      switch (op) {
        case WriteOp.Send send ->
            send.result().complete(new SendOutcome.Unavailable(send.id(), STORAGE_RETRY_AFTER));
        case WriteOp.Ack ack -> ack.result().completeExceptionally(failure);
        case WriteOp.Stop stop -> throw new IllegalStateException("stop inside a batch");
      }
    }
  }

  private static void failClosed(WriteOp op) {
    IllegalStateException closed = new IllegalStateException("message writer is closed");
    switch (op) {
      case WriteOp.Send send -> send.result().completeExceptionally(closed);
      case WriteOp.Ack ack -> ack.result().completeExceptionally(closed);
      case WriteOp.Stop stop -> {
        // Nothing waits on the stop marker.
      }
    }
  }

  /**
   * Stops taking work, finishes everything already submitted and waits for the thread. Called from
   * the writer thread itself (a listener), it only stops taking work.
   */
  @Override
  public void close() {
    synchronized (submitLock) {
      if (!closed) {
        closed = true;
        queue.add(STOP);
      }
    }
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
