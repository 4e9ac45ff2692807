package dev.securechat.bench.report;

import org.HdrHistogram.Histogram;

/**
 * The percentiles a report shows, in milliseconds, from a histogram recorded in nanoseconds. All
 * zero when nothing was recorded.
 */
public record LatencySummary(
    long count,
    double meanMs,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs) {

  private static final double NANOS_PER_MS = 1e6;

  public static LatencySummary ofNanos(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
    }
    return new LatencySummary(
        h.getTotalCount(),
        h.getMean() / NANOS_PER_MS,
        h.getValueAtPercentile(50) / NANOS_PER_MS,
        h.getValueAtPercentile(90) / NANOS_PER_MS,
        h.getValueAtPercentile(99) / NANOS_PER_MS,
        h.getValueAtPercentile(99.9) / NANOS_PER_MS,
        h.getMaxValue() / NANOS_PER_MS);
  }

  /** One table with a row for this latency, headed by what was measured. */
  public Table table(String what) {
    return Table.of(what + " (ms)", "p50", "p90", "p99", "p99.9", "max", "mean")
        .row(
            Format.count(count) + " samples",
            Format.millis(p50Ms),
            Format.millis(p90Ms),
            Format.millis(p99Ms),
            Format.millis(p999Ms),
            Format.millis(maxMs),
            Format.millis(meanMs));
  }
}
