package dev.securechat.bench.traffic;

import dev.securechat.bench.load.LoadClient;
import dev.securechat.bench.support.Uuids;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ServerFrame;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The sending side of one simulated client: at most {@code window} messages unconfirmed, each with
 * the next seq of its pair. Flat out, a {@code Stored} makes room for the next message at once; at
 * a target rate the {@link Pacer} says when each message is due, and a message due while the window
 * is full waits (keeping its due time, so its latency includes the wait). Runs on the client's
 * event loop only.
 */
final class Outbox implements Pacer.Paced {
  static final int BROADCAST = -1;
  private static final long RETRY_AFTER_UNAVAILABLE_MS = 1000;
  private static final long RETRY_AFTER_GAP_MS = 10;

  private final int self;
  private final Plan plan;
  private final TrafficStats stats;
  private final Map<Integer, Pair> pairs = new HashMap<>();
  private final Map<UUID, Pending> inFlight = new HashMap<>();
  private final ArrayDeque<Long> due = new ArrayDeque<>();
  private LoadClient client;
  private boolean sending;
  private boolean flatOut;

  Outbox(int self, Plan plan, TrafficStats stats) {
    this.self = self;
    this.plan = plan;
    this.stats = stats;
  }

  void attach(LoadClient client) {
    this.client = client;
  }

  LoadClient client() {
    return client;
  }

  Map<Integer, Pair> pairs() {
    return pairs;
  }

  /** Starts sending: flat out fills the window now; paced sending waits for {@link #due}. */
  void start(boolean flatOut) {
    this.sending = true;
    this.flatOut = flatOut;
    if (flatOut) {
      fill();
      client.flush();
    }
  }

  /** Stops new messages; unconfirmed ones are still sent again until stored. */
  void stop() {
    sending = false;
    due.clear();
  }

  /** A message is due now (paced mode); written, not flushed: the pacer flushes. */
  @Override
  public void due(long dueNanos) {
    if (!sending) {
      return;
    }
    if (inFlight.size() < plan.window()) {
      send(dueNanos);
    } else {
      due.add(dueNanos);
    }
  }

  @Override
  public void flush() {
    client.flush();
  }

  void answered(ServerFrame answer) {
    switch (answer) {
      case ServerFrame.Stored s -> stored(s.id());
      case ServerFrame.Busy b -> {
        Pending p = inFlight.get(b.id());
        if (p != null) {
          stats.busy.increment();
          block(p.pair(), b.retryAfterMillis());
        }
      }
      case ServerFrame.Rejected r -> rejected(r);
      default -> throw new IllegalArgumentException("not an answer: " + answer);
    }
  }

  private void stored(UUID id) {
    Pending p = inFlight.remove(id);
    if (p == null) {
      stats.storedAgain.increment(); // a resend of something already stored
      return;
    }
    long now = System.nanoTime();
    Pair pair = p.pair();
    pair.unconfirmed.remove(p);
    pair.storedUpTo = Math.max(pair.storedUpTo, p.seq());
    stats.stored.increment();
    stats.outstanding.decrement();
    if (stats.measuring(p.stampNanos())) {
      stats.recordStored(now - p.stampNanos());
    }
    if (stats.measuring(now)) {
      stats.measuredStored.increment();
    }
    refill();
  }

  private void rejected(ServerFrame.Rejected r) {
    Pending p = inFlight.get(r.id());
    if (p == null) {
      return;
    }
    stats.rejected.add(r.code().name());
    switch (r.code()) {
      // Follows a Busy on the same pair: the pair is sent again once the Busy's wait is over.
      case SEQ_GAP -> block(p.pair(), RETRY_AFTER_GAP_MS);
      case STORAGE_UNAVAILABLE, SERVER_SHUTDOWN -> block(p.pair(), RETRY_AFTER_UNAVAILABLE_MS);
      default -> {
        // Permanent (unknown recipient, bad request, seq conflict): the real client drops the
        // message. Later seqs of the pair would never be accepted, so this sender stops.
        for (Pending dropped : p.pair().unconfirmed) {
          inFlight.remove(dropped.id());
          stats.outstanding.decrement();
          stats.dropped.increment();
        }
        p.pair().unconfirmed.clear();
        sending = false;
      }
    }
  }

  private void block(Pair pair, long retryAfterMillis) {
    if (pair.blocked) {
      return;
    }
    pair.blocked = true;
    client
        .eventLoop()
        .schedule(() -> resend(pair), Math.max(1, retryAfterMillis), TimeUnit.MILLISECONDS);
  }

  private void resend(Pair pair) {
    pair.blocked = false;
    for (Pending p : pair.unconfirmed) {
      stats.resends.increment();
      write(p);
    }
    client.flush();
  }

  private void refill() {
    if (!sending) {
      return;
    }
    if (flatOut) {
      fill();
    } else {
      while (!due.isEmpty() && inFlight.size() < plan.window()) {
        send(due.poll());
      }
    }
  }

  private void fill() {
    while (sending && inFlight.size() < plan.window()) {
      send(System.nanoTime());
    }
  }

  private void send(long stampNanos) {
    int peer = plan.broadcast() ? BROADCAST : plan.randomPeer(self);
    Pair pair = pairs.computeIfAbsent(peer, Pair::new);
    long seq = pair.nextSeq++;
    byte[] envelope = new Stamp(stampNanos, self, seq).envelope(plan.size(), plan.filler());
    Pending p = new Pending(Uuids.v7(System.currentTimeMillis()), seq, stampNanos, envelope, pair);
    inFlight.put(p.id(), p);
    pair.unconfirmed.add(p);
    stats.sent.increment();
    stats.outstanding.increment();
    if (stats.measuring(stampNanos)) {
      stats.measuredSent.increment();
    }
    if (!pair.blocked) {
      write(p);
    }
  }

  private void write(Pending p) {
    int peer = p.pair().peer;
    client.write(
        peer == BROADCAST
            ? new ClientFrame.Broadcast(p.id(), p.seq(), p.envelope())
            : new ClientFrame.Send(p.id(), p.seq(), plan.name(peer), p.envelope()));
  }
}
