package dev.securechat.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh folder for one run (databases, certificates, client state, logs), deleted afterwards
 * unless kept for a post-mortem. Each run starts from empty files so that runs compare.
 */
public final class ScratchDir implements AutoCloseable {
  private final Path path;
  private final boolean keep;

  private ScratchDir(Path path, boolean keep) {
    this.path = path;
    this.keep = keep;
  }

  /**
   * @param parent where to create it; its file system is the one the run's fsyncs hit
   */
  public static ScratchDir create(Path parent, String scenario, boolean keep) throws IOException {
    Files.createDirectories(parent);
    return new ScratchDir(
        Files.createTempDirectory(parent, "securechat-bench-" + scenario + "-"), keep);
  }

  public Path path() {
    return path;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /**
   * Deletes the folder. A failure to delete is reported, not thrown: the results are already out,
   * and the only harm is a leftover folder whose name the message gives.
   */
  @Override
  public void close() {
    if (keep) {
      System.err.println("bench: kept the run's files in " + path);
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("bench: could not delete " + path + ": " + e);
    }
  }
}
