package dev.securechat.bench.loop;

import dev.securechat.client.ChatListener;
import dev.securechat.client.IncomingMessage;
import dev.securechat.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A client's listener that times every delivered probe, checks that indexes arrive in order, and
 * notes every disconnect: in a loop run none should happen. Called on the client's event loop.
 */
final class Receiver implements ChatListener {
  private final String name;
  private final Recorder latency = new Recorder(3);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong outOfOrder = new AtomicLong();
  private final AtomicLong nextIndex = new AtomicLong();
  private final AtomicLong lastDeliveryNanos = new AtomicLong();
  private final Object reached = new Object();
  private volatile long target = Long.MAX_VALUE;
  private final List<String> disconnects = new CopyOnWriteArrayList<>();

  Receiver(String name) {
    this.name = name;
  }

  @Override
  public void onMessage(IncomingMessage message) {
    long now = System.nanoTime();
    Probe probe = Probe.decode(message.envelope());
    latency.recordValue(Math.max(0, now - probe.sentNanos()));
    if (nextIndex.getAndSet(probe.index() + 1) != probe.index()) {
      outOfOrder.incrementAndGet();
    }
    lastDeliveryNanos.set(now);
    if (delivered.incrementAndGet() >= target) {
      synchronized (reached) {
        reached.notifyAll();
      }
    }
  }

  @Override
  public void onDisconnected(ServerFrame.Bye bye) {
    disconnects.add(
        name + ": " + (bye == null ? "connection lost" : bye.code() + " " + bye.message()));
  }

  /** Waits until {@code count} messages were delivered in all; false if the deadline came first. */
  boolean awaitDelivered(long count, long deadlineNanos) throws InterruptedException {
    // Set before the check under the lock, so a delivery racing with it either is seen by the
    // check or notifies a thread already waiting.
    target = count;
    synchronized (reached) {
      while (delivered.get() < count) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(reached, left);
      }
    }
    return true;
  }

  long delivered() {
    return delivered.get();
  }

  long outOfOrder() {
    return outOfOrder.get();
  }

  long lastDeliveryNanos() {
    return lastDeliveryNanos.get();
  }

  List<String> disconnects() {
    return List.copyOf(disconnects);
  }

  /** Send-to-deliver latencies recorded so far, in nanoseconds (each call takes them). */
  Histogram takeLatencies() {
    return latency.getIntervalHistogram();
  }
}
