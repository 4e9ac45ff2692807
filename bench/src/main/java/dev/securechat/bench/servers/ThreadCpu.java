package dev.securechat.bench.servers;

import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.Table;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per thread of a Linux process, from {@code /proc/<pid>/task/<tid>/stat} (user + system
 * ticks), grouped by thread name with numbers dropped ("load-1" and "load-2" are "load-"). Two
 * readings say which threads the time went to: the cheapest profile there is, taken in every run.
 */
public record ThreadCpu(long nanos, Map<String, long[]> ticksAndThreads) {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on every Linux ABI the JDK runs on

  /** Time spent by one group of threads over a phase. */
  public record Share(String threads, int count, double cores) {}

  public static ThreadCpu of(long pid) {
    Map<String, long[]> groups = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        read(task, groups);
      }
    } catch (IOException e) {
      // Not Linux, or the process is gone: no figures rather than a failed run.
      return new ThreadCpu(System.nanoTime(), Map.of());
    }
    return new ThreadCpu(System.nanoTime(), groups);
  }

  private static void read(Path task, Map<String, long[]> groups) throws IOException {
    String stat;
    String name;
    try {
      stat = Files.readAllLines(task.resolve("stat")).getFirst();
      name = Files.readAllLines(task.resolve("comm")).getFirst().strip();
    } catch (NoSuchFileException e) {
      return; // the thread ended between listing and reading
    }
    // Fields after the parenthesised name: state is 3rd, utime 14th, stime 15th of the whole line.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    long[] group = groups.computeIfAbsent(name.replaceAll("[0-9#]+$", ""), k -> new long[2]);
    group[0] += ticks;
    group[1]++;
  }

  /** One row per thread group: process, threads, how many, cores. */
  public static Table table(List<String> processes, List<List<Share>> shares) {
    Table t = Table.of("process", "threads", "count", "cores");
    for (int i = 0; i < processes.size(); i++) {
      for (Share s : shares.get(i)) {
        if (s.cores() >= 0.005) {
          t.row(processes.get(i), s.threads(), s.count(), Format.decimal2(s.cores()));
        }
      }
    }
    return t;
  }

  /**
   * The groups that used the most CPU between two readings, in cores (1.0: one core busy). Threads
   * that ended in between are not counted.
   */
  public static List<Share> top(ThreadCpu before, ThreadCpu after, int limit) {
    double seconds = (after.nanos - before.nanos) / 1e9;
    List<Share> shares = new ArrayList<>();
    after.ticksAndThreads.forEach(
        (name, a) -> {
          long[] b = before.ticksAndThreads.getOrDefault(name, new long[2]);
          double cores = (a[0] - b[0]) / TICKS_PER_SECOND / seconds;
          if (cores > 0) {
            shares.add(new Share(name, (int) a[1], cores));
          }
        });
    shares.sort(Comparator.comparingDouble(Share::cores).reversed());
    return List.copyOf(shares.subList(0, Math.min(limit, shares.size())));
  }
}
