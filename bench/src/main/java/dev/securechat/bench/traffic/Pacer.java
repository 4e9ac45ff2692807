package dev.securechat.bench.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Paces the senders of one event loop at their share of the target rate, open loop: every
 * millisecond it hands out the messages that have come due since, round-robin over its senders,
 * each stamped with the time it was due (not when it went out), so a server that falls behind shows
 * as latency rather than silently slowing the load (no coordinated omission). Runs on its loop.
 */
final class Pacer implements Runnable {
  private final List<Outbox> outboxes;
  private final double perSecond;
  private final long startNanos;
  private final List<Outbox> touched = new ArrayList<>();
  private long issued;
  private int next;

  Pacer(List<Outbox> outboxes, double perSecond, long startNanos) {
    this.outboxes = List.copyOf(outboxes);
    this.perSecond = perSecond;
    this.startNanos = startNanos;
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    long target = (long) ((now - startNanos) / 1e9 * perSecond);
    while (issued < target) {
      long dueAt = startNanos + (long) (issued / perSecond * 1e9);
      Outbox o = outboxes.get(next);
      next = (next + 1) % outboxes.size();
      o.due(dueAt);
      if (touched.size() < outboxes.size()) {
        touched.add(o);
      }
      issued++;
    }
    for (Outbox o : touched) {
      o.client().flush();
    }
    touched.clear();
  }
}
