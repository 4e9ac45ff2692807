package dev.securechat.bench.store;

import dev.securechat.server.store.SendOutcome;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tallies the writer's answers. Anything but a fresh Stored is a problem in this scenario (fresh
 * accounts, in-order seqs, queues far below their limits), so the first one is kept to be shown.
 */
final class OutcomeCounts {
  private final LongAdder stored = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder busy = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicReference<String> firstProblem = new AtomicReference<>();

  void add(SendOutcome outcome, Throwable error) {
    if (error != null) {
      failed.increment();
      problem("failed: " + error);
      return;
    }
    switch (outcome) {
      case SendOutcome.Stored s when !s.duplicate() -> stored.increment();
      case SendOutcome.Stored s -> {
        duplicates.increment();
        problem("duplicate Stored for " + s.id());
      }
      case SendOutcome.Busy b -> {
        busy.increment();
        problem("Busy (a recipient queue is full)");
      }
      case SendOutcome.Rejected r -> {
        rejected.increment();
        problem("Rejected " + r.reason() + " (expected seq " + r.expectedSeq() + ")");
      }
      case SendOutcome.Unavailable u -> {
        // Counted with the refusals: not stored, and the scenario's disk should never fail.
        rejected.increment();
        problem("Unavailable (the storage failed; retry after " + u.retryAfter() + ")");
      }
    }
  }

  private void problem(String what) {
    firstProblem.compareAndSet(null, what);
  }

  long completed() {
    return stored.sum() + duplicates.sum() + busy.sum() + rejected.sum() + failed.sum();
  }

  long stored() {
    return stored.sum();
  }

  long duplicates() {
    return duplicates.sum();
  }

  long busy() {
    return busy.sum();
  }

  long rejected() {
    return rejected.sum();
  }

  long failed() {
    return failed.sum();
  }

  /** The first answer that was not a fresh Stored, or null. */
  String firstProblem() {
    return firstProblem.get();
  }
}
