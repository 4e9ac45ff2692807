package dev.securechat.bench.report;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine and JVM a figure was measured on; every report carries it, because a figure without
 * its machine means nothing.
 */
public record Environment(
    int processors,
    String cpuModel,
    long memoryBytes,
    long maxHeapBytes,
    String jdk,
    String os,
    List<String> garbageCollectors,
    List<String> jvmArguments) {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  public static Environment current() throws IOException {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memory =
        os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
    return new Environment(
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        memory,
        Runtime.getRuntime().maxMemory(),
        System.getProperty("java.vm.vendor") + " " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + os.getArch(),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList(),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** The first "model name" of /proc/cpuinfo; "unknown" off Linux. */
  private static String readCpuModel() throws IOException {
    if (!Files.isReadable(CPUINFO)) {
      return "unknown";
    }
    try (var lines = Files.lines(CPUINFO)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    }
  }
}
