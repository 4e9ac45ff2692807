package dev.securechat.bench.argon2;

import java.util.List;

/**
 * The cost of one Argon2id setting. {@code hashesPerSecondTotal} is what all threads did together,
 * wall clock; {@code hashesPerSecondPerCore} divides it by the cores those threads could use
 * (threads, at most the machine's processors), the figure to multiply by a server's cores.
 */
record Argon2Row(
    int memoryKib,
    int iterations,
    int parallelism,
    int threads,
    int hashes,
    double meanMs,
    double medianMs,
    double minMs,
    double maxMs,
    double hashesPerSecondTotal,
    double hashesPerSecondPerCore) {

  static Argon2Row of(Argon2Params p, int threads, int processors, Argon2Timer.Timings t) {
    List<Double> sorted = t.hashMillis().stream().sorted().toList();
    double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    return new Argon2Row(
        p.memoryKib(),
        p.iterations(),
        p.parallelism(),
        threads,
        sorted.size(),
        mean,
        median(sorted),
        sorted.getFirst(),
        sorted.getLast(),
        sorted.size() / t.wallSeconds(),
        sorted.size() / t.wallSeconds() / Math.min(threads, processors));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
