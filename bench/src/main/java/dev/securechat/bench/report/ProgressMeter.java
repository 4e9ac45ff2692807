package dev.securechat.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples a completed-operations counter once a second while a run goes on, prints a progress line
 * now and then (stderr, so that the result table on stdout stays clean), and keeps the samples: a
 * stall or a slowdown halfway through shows in the timeline, where the average would hide it.
 */
public final class ProgressMeter implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 1000;

  private final String label;
  private final LongSupplier completed;
  private final long startNanos;
  private final int printEverySamples;
  private final List<Sample> samples = new ArrayList<>(); // guarded by this
  private final ScheduledExecutorService timer;

  private ProgressMeter(String label, LongSupplier completed, long startNanos, int printEvery) {
    this.label = label;
    this.completed = completed;
    this.startNanos = startNanos;
    this.printEverySamples = printEvery;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("progress").daemon().factory());
  }

  /**
   * @param label what is counted, e.g. "delivered"
   * @param startNanos {@link System#nanoTime()} at the start of the measured phase
   * @param printEverySeconds how often a progress line is printed; 0 for never
   */
  public static ProgressMeter start(
      String label, LongSupplier completed, long startNanos, int printEverySeconds) {
    ProgressMeter meter = new ProgressMeter(label, completed, startNanos, printEverySeconds);
    meter.timer.scheduleAtFixedRate(
        meter::sampleReportingFailure, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    return meter;
  }

  // A scheduled task that throws is cancelled silently; say so instead.
  private void sampleReportingFailure() {
    try {
      sample();
    } catch (RuntimeException e) {
      System.err.println("progress: sampling failed, no more samples: " + e);
      throw e;
    }
  }

  private void sample() {
    Sample s = new Sample((System.nanoTime() - startNanos) / 1e9, completed.getAsLong());
    Sample previous;
    int n;
    synchronized (this) {
      previous = samples.isEmpty() ? new Sample(0, 0) : samples.getLast();
      samples.add(s);
      n = samples.size();
    }
    if (printEverySamples > 0 && n % printEverySamples == 0) {
      double rate = (s.count() - previous.count()) / (s.seconds() - previous.seconds());
      System.err.printf(
          Locale.ROOT,
          "  %6.1f s  %,12d %s  (%s/s in the last second)%n",
          s.seconds(),
          s.count(),
          label,
          Format.rate(rate));
    }
  }

  public synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /**
   * The rate over the second half of the run, per second: past the JIT's warm-up and the first fill
   * of queues and windows, so closer to the steady state than the whole run's average. NaN if the
   * run was too short to have two samples apart.
   */
  public synchronized double secondHalfRate() {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    Sample end = samples.getLast();
    for (Sample s : samples) {
      if (s.seconds() >= end.seconds() / 2 && s.seconds() < end.seconds()) {
        return (end.count() - s.count()) / (end.seconds() - s.seconds());
      }
    }
    return Double.NaN;
  }

  /** The longest stretch of consecutive samples without any progress, in seconds. */
  public synchronized double longestStallSeconds() {
    double longest = 0;
    double stalledSince = -1;
    for (int i = 1; i < samples.size(); i++) {
      Sample before = samples.get(i - 1);
      Sample now = samples.get(i);
      if (now.count() != before.count()) {
        stalledSince = -1;
        continue;
      }
      if (stalledSince < 0) {
        stalledSince = before.seconds();
      }
      longest = Math.max(longest, now.seconds() - stalledSince);
    }
    return longest;
  }

  /** Stops sampling and takes a last sample, so the timeline ends where the run ended. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        System.err.println("progress: the sampler did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
