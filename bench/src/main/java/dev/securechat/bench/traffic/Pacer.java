package dev.securechat.bench.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Paces the senders of one event loop at their share of the target rate, open loop: every tick (0.2
 * ms) it hands out the messages that have come due since, round-robin over its senders, each
 * stamped with the time it was due (not when it went out), so a server that falls behind shows as
 * latency rather than silently slowing the load (no coordinated omission). A message waits up to
 * one tick for its turn, which every latency figure therefore includes. Runs on its loop.
 */
final class Pacer implements Runnable {
  static final long TICK_MICROS = 200;

  /** A sender the pacer hands due messages to. */
  interface Paced {
    /** A message is due at {@code dueNanos}: write it (or queue it if the window is full). */
    void due(long dueNanos);

    /** Sends what {@link #due} wrote. */
    void flush();
  }

  private final List<Paced> senders;
  private final double perSecond;
  private final long startNanos;
  private final LongSupplier nanoTime;
  private final List<Paced> touched = new ArrayList<>();
  private long issued;
  private int next;

  Pacer(List<? extends Paced> senders, double perSecond, long startNanos, LongSupplier nanoTime) {
    this.senders = List.copyOf(senders);
    this.perSecond = perSecond;
    this.startNanos = startNanos;
    this.nanoTime = nanoTime;
  }

  @Override
  public void run() {
    long now = nanoTime.getAsLong();
    // Message k is due at start + k / rate: hand out every one whose time has come, k included.
    long target = (long) ((now - startNanos) / 1e9 * perSecond) + 1;
    while (issued < target) {
      long dueAt = startNanos + (long) (issued / perSecond * 1e9);
      Paced p = senders.get(next);
      next = (next + 1) % senders.size();
      p.due(dueAt);
      if (touched.size() < senders.size()) {
        touched.add(p);
      }
      issued++;
    }
    for (Paced p : touched) {
      p.flush();
    }
    touched.clear();
  }
}
