package dev.securechat.bench.loop;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends probes from one client with at most {@code window} messages not yet confirmed Stored, the
 * way a busy client with a bounded send queue would. {@code send} returns once the client library
 * committed the message to its outbox, so that commit is part of the measured path.
 */
final class WindowedSender {
  private final BenchClient from;
  private final String to;
  private final int window;
  private final int size;
  private final Semaphore permits;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastStoredNanos = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  WindowedSender(BenchClient from, String to, int window, int size) {
    this.from = from;
    this.to = to;
    this.window = window;
    this.size = size;
    this.permits = new Semaphore(window);
  }

  /**
   * Sends probes {@code firstIndex} to {@code firstIndex + count - 1}, stopping early at {@code
   * deadlineNanos}; indexes go on across calls so that the receiver's order check spans them.
   */
  void run(long firstIndex, long count, long deadlineNanos) throws InterruptedException {
    for (long i = firstIndex; i < firstIndex + count; i++) {
      if (!permits.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return;
      }
      byte[] envelope = new Probe(System.nanoTime(), i).encode(size);
      sent.incrementAndGet();
      from.send(to, envelope).whenComplete((ok, error) -> answered(error));
    }
  }

  /** Runs on the sending client's event loop when the server's answer arrives. */
  private void answered(Throwable error) {
    try {
      if (error == null) {
        stored.incrementAndGet();
        lastStoredNanos.accumulateAndGet(System.nanoTime(), Math::max);
      } else {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, error.toString());
      }
    } finally {
      permits.release();
    }
  }

  /** Waits until every message sent has an answer; false if the deadline came first. */
  boolean awaitAnswers(long deadlineNanos) throws InterruptedException {
    boolean all =
        permits.tryAcquire(window, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    if (all) {
      permits.release(window);
    }
    return all;
  }

  long sent() {
    return sent.get();
  }

  long stored() {
    return stored.get();
  }

  long failed() {
    return failed.get();
  }

  long lastStoredNanos() {
    return lastStoredNanos.get();
  }

  String firstFailure() {
    return firstFailure.get();
  }
}
