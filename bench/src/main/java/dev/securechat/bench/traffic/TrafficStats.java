package dev.securechat.bench.traffic;

import dev.securechat.bench.load.Tally;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency recorders shared by every simulated client of a relay or broadcast run,
 * updated from the event loops. "Measured" counts are those that fall in the measured phase (after
 * the warm-up, before the end); the totals cover the whole run and tell when the drain is done.
 */
public final class TrafficStats {
  private final Recorder deliverLatency = new Recorder(3);
  private final Recorder storedLatency = new Recorder(3);
  final LongAdder sent = new LongAdder();
  final LongAdder stored = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder measuredSent = new LongAdder();
  final LongAdder measuredStored = new LongAdder();
  final LongAdder measuredDelivered = new LongAdder();

  /** Messages sent and not yet answered Stored (nor dropped after a permanent rejection). */
  final LongAdder outstanding = new LongAdder();

  final LongAdder busy = new LongAdder();
  final LongAdder storedAgain = new LongAdder();
  final LongAdder resends = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final Tally rejected = new Tally();

  /** A stamp whose seq was at or below the last one from that sender on that stream. */
  final LongAdder duplicates = new LongAdder();

  /** A stamp whose seq skipped ahead: one or more earlier messages missing or late. */
  final LongAdder gaps = new LongAdder();

  /** An envelope without this run's stamp. */
  final LongAdder foreign = new LongAdder();

  final AtomicLong lastDeliveryNanos = new AtomicLong();
  private volatile long measureFrom = Long.MAX_VALUE;
  private volatile long measureUntil = Long.MAX_VALUE;

  boolean measuring(long nanos) {
    return nanos >= measureFrom && nanos < measureUntil;
  }

  /** Starts the measured phase: what was recorded during the warm-up is dropped. */
  void beginMeasuring(long nanos) {
    deliverLatency.reset();
    storedLatency.reset();
    measureFrom = nanos;
  }

  void endMeasuring(long nanos) {
    measureUntil = nanos;
  }

  void recordDelivery(long latencyNanos) {
    deliverLatency.recordValue(Math.max(0, latencyNanos));
  }

  void recordStored(long latencyNanos) {
    storedLatency.recordValue(Math.max(0, latencyNanos));
  }

  public long measuredDelivered() {
    return measuredDelivered.sum();
  }

  Histogram deliverLatencies() {
    return deliverLatency.getIntervalHistogram();
  }

  Histogram storedLatencies() {
    return storedLatency.getIntervalHistogram();
  }
}
