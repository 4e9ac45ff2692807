package dev.securechat.server.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this test class path run in a JVM of its own (this JVM's java and class path),
 * with everything it prints kept in a file, so that a test can wait for a line, kill it with
 * SIGKILL and show what it said when something fails. (A file rather than a pipe: a pipe read while
 * the process dies can lose its last lines.)
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code mainClass} with {@code args}; standard error is merged into the output. */
  static ChildJvm start(Path workDir, String mainClass, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    // Short-lived and several side by side on two cores: a small heap, the quick compiler.
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Path output = Files.createTempFile(workDir, "jvm-", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.directory(workDir.toFile());
    return new ChildJvm(pb.start(), output);
  }

  /** Everything printed so far. */
  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "[cannot read " + output + ": " + e + "]";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no goodbye on any connection; then waits for the exit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM: the program's shutdown hooks run; returns the exit code. */
  int stop(Duration atMost) throws InterruptedException {
    process.destroy();
    return awaitExit(atMost);
  }

  /** Waits for the process to end by itself; returns its exit code. */
  int awaitExit(Duration atMost) throws InterruptedException {
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the child JVM did not end within " + atMost + "; its output:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
