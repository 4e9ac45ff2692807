package dev.securechat.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time from the first line of {@code /proc/stat}, so a report can say how
 * busy all cores were (server, load generator and anything else together) and how much of it was
 * waiting for the disk.
 */
public record MachineCpu(long user, long system, long idle, long iowait, long total) {
  private static final Path STAT = Path.of("/proc/stat");

  /** A reading now; zeros where /proc/stat is missing (not Linux). */
  public static MachineCpu now() {
    try {
      String[] f = Files.readAllLines(STAT).getFirst().trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      return new MachineCpu(
          Long.parseLong(f[1]) + Long.parseLong(f[2]),
          Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]),
          Long.parseLong(f[4]),
          Long.parseLong(f[5]),
          total);
    } catch (IOException | RuntimeException e) {
      return new MachineCpu(0, 0, 0, 0, 0);
    }
  }

  /** Shares of all cores' time between two readings: user, system, iowait, idle (0 to 1). */
  public record Shares(double user, double system, double iowait, double idle) {}

  public static Shares between(MachineCpu a, MachineCpu b) {
    double t = b.total - a.total;
    if (t <= 0) {
      return new Shares(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Shares(
        (b.user - a.user) / t,
        (b.system - a.system) / t,
        (b.iowait - a.iowait) / t,
        (b.idle - a.idle) / t);
  }
}
