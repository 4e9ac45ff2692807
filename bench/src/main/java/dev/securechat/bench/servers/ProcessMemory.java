package dev.securechat.bench.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Resident memory of a process, and a full garbage collection in another JVM, on Linux. */
public final class ProcessMemory {
  private static final long JCMD_TIMEOUT_SECONDS = 120;

  private ProcessMemory() {}

  /** {@code VmRSS} of {@code /proc/<pid>/status}, in bytes. */
  public static long residentBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        String kib = line.substring("VmRSS:".length()).strip().split("\\s+")[0];
        return Long.parseLong(kib) * 1024;
      }
    }
    throw new IOException("/proc/" + pid + "/status has no VmRSS");
  }

  /**
   * Runs a full collection in the JVM {@code pid} ({@code jcmd <pid> GC.run}, which is {@code
   * System.gc()}: a major cycle with ZGC) and returns when it has finished.
   */
  public static void fullGc(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " GC.run did not finish in time");
    }
    if (p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.run failed: " + output.strip());
    }
  }

  /** A full collection in this JVM, then the heap in use. */
  public static long heapAfterGc() {
    System.gc();
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
