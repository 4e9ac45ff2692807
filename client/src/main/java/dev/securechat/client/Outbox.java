package dev.securechat.client;

import dev.securechat.client.net.ServerConnection;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.state.ClientState;
import dev.securechat.client.state.OutboxEntry;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Limits;
import dev.securechat.protocol.ServerFrame;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The durable outbox: commits each message under the next seq of its pair before sending it, and
 * settles it by the server's answer: {@code Stored} removes it, {@code Busy} and the sequence
 * errors send the pair's outbox again, a permanent refusal drops it and fails its caller. While the
 * server cannot store ({@code STORAGE_UNAVAILABLE}) every entry stays, the application is told
 * once, and the pair's outbox is sent again with exponential backoff (never sooner than the server
 * asks) until a {@code Stored} ends the outage.
 */
final class Outbox {
  private final Supplier<ServerConnection> connection;
  private final Supplier<ClientState> state;
  private final ChatListener listener;
  private final Backoff retry;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
  private final Set<String> flushScheduled = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> storageAttempts = new ConcurrentHashMap<>();
  private final AtomicBoolean held = new AtomicBoolean();
  private CompletableFuture<Void> lastEnqueued = CompletableFuture.completedFuture(null);

  Outbox(
      Supplier<ServerConnection> connection,
      Supplier<ClientState> state,
      ChatListener listener,
      Backoff retry,
      Clock clock) {
    this.connection = connection;
    this.state = state;
    this.listener = listener;
    this.retry = retry;
    this.clock = clock;
  }

  /**
   * Commits a message and sends it; completes when the server stored it. Messages get their seqs in
   * the order of the calls, even when the first one to a peer must wait for the server to say where
   * the pair stands: each enqueue waits for the one before it.
   */
  synchronized CompletableFuture<Void> enqueue(String peer, byte[] envelope) {
    ClientState s = state.get();
    if (s == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("log in first"));
    }
    CompletableFuture<Void> stored = new CompletableFuture<>();
    lastEnqueued =
        lastEnqueued
            .handle((v, earlierFailure) -> null)
            .thenCompose(v -> prepare(peer))
            .thenRun(
                () -> {
                  OutboxEntry entry = s.enqueue(Uuids.v7(clock, random), peer, envelope);
                  waiting.put(entry.id(), stored);
                  transmit(entry);
                })
            .whenComplete(
                (v, error) -> {
                  if (error != null) {
                    stored.completeExceptionally(error);
                  }
                });
    return stored;
  }

  /** Makes sure the pair's seq is known, asking the server if this state never sent there. */
  CompletableFuture<Void> prepare(String peer) {
    ClientState s = state.get();
    if (s == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("log in first"));
    }
    if (s.lastSeq(peer).isPresent()) {
      return CompletableFuture.completedFuture(null);
    }
    ServerConnection c = connection.get();
    long id = c.nextRequestId();
    return c.request(id, new ClientFrame.SeqQuery(id, peer))
        .thenAccept(r -> s.initPair(peer, Replies.expect(r, ServerFrame.SeqState.class).lastSeq()));
  }

  /** Commits with {@code alsoCommit} in one transaction, then sends; the pair must be prepared. */
  CompletableFuture<Void> sendPrepared(String peer, byte[] envelope, Runnable alsoCommit) {
    ClientState s = state.get();
    OutboxEntry entry =
        s.db()
            .transaction(
                () -> {
                  alsoCommit.run();
                  return s.enqueue(Uuids.v7(clock, random), peer, envelope);
                });
    CompletableFuture<Void> stored = new CompletableFuture<>();
    waiting.put(entry.id(), stored);
    transmit(entry);
    return stored;
  }

  /** Sends the whole outbox, oldest first per pair: after a login, and after a reconnect. */
  void flushAll() {
    state.get().pending(Optional.empty()).forEach(this::transmit);
  }

  private void transmit(OutboxEntry e) {
    ServerConnection c = connection.get();
    if (c == null || !c.isOpen()) {
      return; // sent again after the next login
    }
    ClientFrame frame =
        e.peer().equals(Limits.BROADCAST_PAIR)
            ? new ClientFrame.Broadcast(e.id(), e.seq(), e.envelope())
            : new ClientFrame.Send(e.id(), e.seq(), e.peer(), e.envelope());
    c.submit(e.id(), frame).whenComplete((reply, error) -> answered(e, reply, error));
  }

  private void answered(OutboxEntry e, ServerFrame reply, Throwable error) {
    if (error != null) {
      return; // the connection dropped; the entry stays in the outbox
    }
    switch (reply) {
      case ServerFrame.Stored s -> stored(e);
      case ServerFrame.Busy b -> flushLater(e.peer(), Duration.ofMillis(b.retryAfterMillis()));
      case ServerFrame.Rejected r -> rejected(e, r);
      default -> throw new IllegalStateException("unexpected reply " + reply.type());
    }
  }

  private void stored(OutboxEntry e) {
    state.get().remove(e.id());
    complete(e.id(), null);
    storageAttempts.remove(e.peer());
    if (held.compareAndSet(true, false)) {
      listener.onSendingResumed();
    }
  }

  private void rejected(OutboxEntry e, ServerFrame.Rejected r) {
    switch (r.code()) {
      case UNKNOWN_RECIPIENT, BAD_REQUEST -> {
        state.get().remove(e.id());
        complete(e.id(), new ServerErrorException(r.code(), r.code().description(), Duration.ZERO));
      }
      case SEQ_GAP, SEQ_CONFLICT -> {
        List<OutboxEntry> pending = state.get().pending(Optional.of(e.peer()));
        if (!pending.isEmpty() && pending.getFirst().seq() != r.expectedSeq()) {
          state.get().renumber(e.peer(), r.expectedSeq());
        }
        flushLater(e.peer(), Duration.ofMillis(100));
      }
      case STORAGE_UNAVAILABLE -> storageUnavailable(e, Duration.ofMillis(r.retryAfterMillis()));
      default -> flushLater(e.peer(), Duration.ofSeconds(1));
    }
  }

  /** One flush per pair at a time; each flush of an outage waits longer than the one before. */
  private void storageUnavailable(OutboxEntry e, Duration serverHint) {
    ServerConnection c = connection.get();
    if (c == null || !flushScheduled.add(e.peer())) {
      return;
    }
    int attempt = storageAttempts.merge(e.peer(), 1, Integer::sum) - 1;
    Duration backoff = retry.delay(attempt);
    Duration delay = backoff.compareTo(serverHint) >= 0 ? backoff : serverHint;
    if (held.compareAndSet(false, true)) {
      listener.onSendingHeld(
          ErrorCode.STORAGE_UNAVAILABLE, state.get().pending(Optional.empty()).size(), delay);
    }
    schedule(c, e.peer(), delay);
  }

  private void flushLater(String peer, Duration delay) {
    ServerConnection c = connection.get();
    if (c == null || !flushScheduled.add(peer)) {
      return;
    }
    schedule(c, peer, delay);
  }

  private void schedule(ServerConnection c, String peer, Duration delay) {
    c.channel()
        .eventLoop()
        .schedule(
            () -> {
              flushScheduled.remove(peer);
              state.get().pending(Optional.of(peer)).forEach(this::transmit);
            },
            Math.max(1, delay.toMillis()),
            TimeUnit.MILLISECONDS);
  }

  private void complete(UUID id, Throwable error) {
    CompletableFuture<Void> f = waiting.remove(id);
    if (f == null) {
      return;
    }
    if (error == null) {
      f.complete(null);
    } else {
      f.completeExceptionally(error);
    }
  }
}
