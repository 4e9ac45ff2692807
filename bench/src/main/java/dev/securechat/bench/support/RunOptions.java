package dev.securechat.bench.support;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every scenario has: where the report goes and where the run's files live. */
public final class RunOptions {
  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the results as JSON here (default: bench-<scenario>.json).")
  Path json;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Parent folder of the run's scratch folder; its disk is the one measured"
              + " (default: ${sys:java.io.tmpdir}).")
  Path dir = Path.of(System.getProperty("java.io.tmpdir"));

  @Option(names = "--keep", description = "Keep the scratch folder (databases, logs) afterwards.")
  boolean keep;

  @Option(
      names = "--progress",
      paramLabel = "SECONDS",
      description =
          "Print progress every SECONDS to stderr, 0 for never (default: ${DEFAULT-VALUE}).")
  int progressSeconds = 5;

  public Path json(String scenario) {
    return json != null ? json : Path.of("bench-" + scenario + ".json");
  }

  public Path dir() {
    return dir;
  }

  public boolean keep() {
    return keep;
  }

  public int progressSeconds() {
    return progressSeconds;
  }
}
