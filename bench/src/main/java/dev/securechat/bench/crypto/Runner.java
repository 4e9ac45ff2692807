package dev.securechat.bench.crypto;

import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.Score;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link Workload} as JMH would run a throughput benchmark in one fork: warm-up iterations
 * whose results are thrown away (so the JIT has compiled the hot paths), then measured iterations,
 * each giving one rate per view; the rates are summarised as a {@link Score}.
 */
final class Runner {
  private final int warmup;
  private final int iterations;
  private final PrintStream log;

  /**
   * The rates and per-part costs of one workload; {@code allocatedBytesPerOp} is NaN where the JVM
   * does not count allocations per thread.
   */
  record Result(
      String key,
      String title,
      long opsPerIteration,
      int warmupIterations,
      int iterations,
      List<Rate> rates,
      List<PartCost> parts,
      double allocatedBytesPerOp,
      Map<String, Object> facts) {}

  /**
   * Operations per second over some parts, one figure per iteration, summarised; {@code
   * microsPerOp} is the time of one operation over all measured iterations together.
   */
  record Rate(String label, String unit, Score perSecond, double microsPerOp) {}

  /** One timed part: microseconds per operation over all measured iterations, and its share. */
  record PartCost(String part, double microsPerOp, double share) {}

  Runner(int warmup, int iterations, PrintStream log) {
    this.warmup = warmup;
    this.iterations = iterations;
    this.log = log;
  }

  Result run(Workload w) throws Exception {
    int parts = w.phases().size();
    for (int i = 1; i <= warmup; i++) {
      long[] nanos = new long[parts];
      w.iterate(nanos);
      progress(w, "warm-up", i, warmup, nanos);
    }
    List<long[]> measured = new ArrayList<>();
    long allocated = 0;
    boolean counted = true;
    for (int i = 1; i <= iterations; i++) {
      long[] nanos = new long[parts];
      long before = allocatedBytes();
      w.iterate(nanos);
      long after = allocatedBytes();
      counted &= before >= 0 && after >= 0;
      allocated += after - before;
      measured.add(nanos);
      progress(w, "iteration", i, iterations, nanos);
    }
    long ops = w.opsPerIteration();
    List<Rate> rates = new ArrayList<>();
    for (Workload.View v : w.views()) {
      List<Double> perSecond = new ArrayList<>();
      long total = 0;
      for (long[] nanos : measured) {
        long t = sum(nanos, v.phases());
        total += t;
        perSecond.add(ops / (t / 1e9));
      }
      rates.add(
          new Rate(
              v.label(), v.unit(), Score.of(perSecond), total / 1e3 / ((double) ops * iterations)));
    }
    long all = measured.stream().mapToLong(n -> Arrays.stream(n).sum()).sum();
    List<PartCost> costs = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      long t = 0;
      for (long[] nanos : measured) {
        t += nanos[p];
      }
      costs.add(
          new PartCost(w.phases().get(p), t / 1e3 / ((double) ops * iterations), (double) t / all));
    }
    return new Result(
        w.key(),
        w.title(),
        ops,
        warmup,
        iterations,
        rates,
        costs,
        counted ? (double) allocated / ((double) ops * iterations) : Double.NaN,
        Collections.unmodifiableMap(new LinkedHashMap<>(w.facts())));
  }

  /**
   * Bytes this thread has allocated so far (HotSpot's counter, as JMH's gc profiler reads it), or a
   * negative number where the JVM does not count them.
   */
  private static long allocatedBytes() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        ? t.getCurrentThreadAllocatedBytes()
        : -1;
  }

  private void progress(Workload w, String what, int i, int of, long[] nanos) {
    long total = Arrays.stream(nanos).sum();
    log.printf(
        Locale.ROOT,
        "crypto: %-14s %s %d/%d: %s ops/s over all parts (%s)%n",
        w.key(),
        what,
        i,
        of,
        Format.rate(w.opsPerIteration() / (total / 1e9)),
        Format.seconds(total / 1e9));
  }

  private static long sum(long[] nanos, List<Integer> parts) {
    long t = 0;
    for (int p : parts) {
      t += nanos[p];
    }
    return t;
  }
}
