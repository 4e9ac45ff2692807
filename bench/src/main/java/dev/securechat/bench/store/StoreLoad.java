package dev.securechat.bench.store;

import dev.securechat.bench.report.ProgressMeter;
import dev.securechat.bench.report.Sample;
import dev.securechat.bench.support.Uuids;
import dev.securechat.server.store.MessageWriter;
import dev.securechat.server.store.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Submits direct messages to a {@link MessageWriter} from several producer threads without waiting
 * for each answer, as the server's event loops do, and times submit to Stored. In-flight messages
 * are bounded so that the writer's queue (unbounded by design: the transport bounds it in the
 * server) cannot grow without limit when the producers outrun the disk.
 */
final class StoreLoad {
  /** How long the last answers may take once the producers stopped. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  record Plan(int messages, int size, int inFlight, Duration cap, int progressSeconds) {}

  /** What happened; {@code drained} is false if some answers never came. */
  record Outcome(
      long submitted,
      OutcomeCounts counts,
      boolean drained,
      double seconds,
      Histogram latencyNanos,
      List<Sample> timeline,
      double secondHalfRate,
      double longestStallSeconds) {}

  private final MessageWriter writer;
  private final Population population;
  private final Plan plan;
  private final Clock clock;
  private final Semaphore permits;
  private final Recorder latency = new Recorder(3);
  private final OutcomeCounts counts = new OutcomeCounts();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong lastAnswerNanos = new AtomicLong();

  StoreLoad(MessageWriter writer, Population population, Plan plan, Clock clock) {
    this.writer = writer;
    this.population = population;
    this.plan = plan;
    this.clock = clock;
    this.permits = new Semaphore(plan.inFlight());
  }

  Outcome run() throws InterruptedException, ExecutionException {
    int producers = population.senders().size();
    long start = System.nanoTime();
    long deadline = start + plan.cap().toNanos();
    lastAnswerNanos.set(start);
    ProgressMeter meter =
        ProgressMeter.start("stored", counts::completed, start, plan.progressSeconds());
    boolean drained;
    try (meter;
        ExecutorService pool =
            Executors.newFixedThreadPool(
                producers, Thread.ofPlatform().name("producer-", 0).factory())) {
      List<Future<?>> running = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        running.add(
            pool.submit(
                () -> {
                  produce(producer, deadline);
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get(); // a producer's failure ends the run with its cause
      }
      drained = permits.tryAcquire(plan.inFlight(), DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    long end = drained ? lastAnswerNanos.get() : System.nanoTime();
    return new Outcome(
        submitted.get(),
        counts,
        drained,
        (end - start) / 1e9,
        latency.getIntervalHistogram(),
        meter.samples(),
        meter.secondHalfRate(),
        meter.longestStallSeconds());
  }

  /**
   * Producer {@code p} sends its k-th message to recipient {@code k mod N} under seq {@code k / N +
   * 1}: every pair it owns gets consecutive seqs, submitted in order from this one thread.
   */
  private void produce(int p, long deadline) throws InterruptedException {
    Population.Party sender = population.senders().get(p);
    List<String> recipients = population.recipients();
    int producers = population.senders().size();
    int share = plan.messages() / producers + (p < plan.messages() % producers ? 1 : 0);
    byte[] envelope = new byte[plan.size()];
    ThreadLocalRandom.current().nextBytes(envelope);
    for (int k = 0; k < share && System.nanoTime() - deadline < 0; k++) {
      permits.acquire();
      long submittedAt = System.nanoTime();
      submitted.incrementAndGet();
      writer
          .direct(
              sender.id(),
              sender.name(),
              Uuids.v7(clock.millis()),
              k / recipients.size() + 1,
              recipients.get(k % recipients.size()),
              envelope)
          .whenComplete((outcome, error) -> answered(submittedAt, outcome, error));
    }
  }

  /** Runs on the writer thread, right after the commit, as the server's reply callback does. */
  private void answered(long submittedAt, SendOutcome outcome, Throwable error) {
    try {
      long now = System.nanoTime();
      latency.recordValue(now - submittedAt);
      counts.add(outcome, error);
      lastAnswerNanos.accumulateAndGet(now, Math::max);
    } finally {
      permits.release();
    }
  }
}
