package dev.securechat.bench.traffic;

import dev.securechat.bench.load.LoadClient;
import dev.securechat.bench.load.Traffic;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated client of a relay or broadcast run: its {@link Outbox} if it sends, and the
 * receiving checks every client makes: each delivery is timed against its stamp, and per sender and
 * stream the seqs must arrive exactly once, in order (1, 2, 3 ...).
 */
final class TrafficClient implements Traffic {
  private final int index;
  private final Outbox outbox;
  private final TrafficStats stats;

  /** Last seq received per sender: key {@code sender} for direct, {@code -1 - sender} broadcast. */
  private final Map<Integer, long[]> lastSeq = new HashMap<>();

  private volatile LoadClient client;

  TrafficClient(int index, Outbox outbox, TrafficStats stats) {
    this.index = index;
    this.outbox = outbox;
    this.stats = stats;
  }

  int index() {
    return index;
  }

  /** Null for a client that only receives. */
  Outbox outbox() {
    return outbox;
  }

  LoadClient client() {
    return client;
  }

  @Override
  public void loggedIn(LoadClient client) {
    this.client = client;
    if (outbox != null) {
      outbox.attach(client);
    }
  }

  @Override
  public void answered(LoadClient client, ServerFrame answer) {
    if (outbox != null) {
      outbox.answered(answer);
    }
  }

  @Override
  public void delivered(LoadClient client, ServerFrame.Deliver deliver, long now) {
    Stamp stamp = Stamp.read(deliver.envelope());
    if (stamp == null) {
      stats.foreign.increment();
      return;
    }
    long[] last =
        lastSeq.computeIfAbsent(
            deliver.stream() == Stream.DIRECT ? stamp.sender() : -1 - stamp.sender(),
            k -> new long[1]);
    if (stamp.seq() <= last[0]) {
      stats.duplicates.increment();
      return;
    }
    if (stamp.seq() != last[0] + 1) {
      stats.gaps.increment();
    }
    last[0] = stamp.seq();
    stats.delivered.increment();
    stats.lastDeliveryNanos.accumulateAndGet(now, Math::max);
    if (stats.measuring(stamp.sentNanos())) {
      stats.recordDelivery(now - stamp.sentNanos());
    }
    if (stats.measuring(now)) {
      stats.measuredDelivered.increment();
    }
  }

  /** The last seq received from {@code sender} on a stream (0: none); read after the run. */
  long lastFrom(int sender, boolean broadcast) {
    long[] last = lastSeq.get(broadcast ? -1 - sender : sender);
    return last == null ? 0 : last[0];
  }
}
