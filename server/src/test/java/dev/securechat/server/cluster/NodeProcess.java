package dev.securechat.server.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server node in a JVM of its own ({@code dev.securechat.server.Main} with this JVM's java and
 * class path and a config file), so that a test can kill it as a crash would: no shutdown hook, no
 * goodbye to its clients, leases left to expire.
 */
final class NodeProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Chat port listening on ([^ ]+):(\\d+) ");

  private final Process process;
  private final CompletableFuture<InetSocketAddress> chatAddress = new CompletableFuture<>();

  private NodeProcess(Process process, Path output) {
    this.process = process;
    Thread.ofPlatform().daemon().name("node-output").start(() -> copy(output));
  }

  /** Writes {@code settings} ("section.key" to value) as an INI file and starts Main on it. */
  static NodeProcess start(Path dir, Map<String, String> settings) throws IOException {
    Files.createDirectories(dir);
    Path ini = dir.resolve("node.ini");
    try (Writer w = Files.newBufferedWriter(ini, StandardCharsets.UTF_8)) {
      for (var section : bySection(settings).entrySet()) {
        w.write("[" + section.getKey() + "]\n");
        for (var entry : section.getValue().entrySet()) {
          w.write(entry.getKey() + " = " + entry.getValue() + "\n");
        }
      }
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.securechat.server.Main");
    command.add("--config");
    command.add(ini.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return new NodeProcess(process, dir.resolve("console.log"));
  }

  private static Map<String, Map<String, String>> bySection(Map<String, String> settings) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    settings.forEach(
        (name, value) -> {
          int dot = name.indexOf('.');
          sections
              .computeIfAbsent(name.substring(0, dot), s -> new LinkedHashMap<>())
              .put(name.substring(dot + 1), value);
        });
    return sections;
  }

  /** Keeps the pipe drained (a full pipe would stall the node) and finds the chat port. */
  private void copy(Path output) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line + "\n");
        out.flush();
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          chatAddress.complete(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
        }
      }
      chatAddress.completeExceptionally(
          new IllegalStateException("the node exited before listening; see " + output));
    } catch (IOException e) {
      chatAddress.completeExceptionally(new UncheckedIOException(e));
    }
  }

  /** Where it listens for clients, once it does (at most 60 s). */
  InetSocketAddress chatAddress() {
    return chatAddress.orTimeout(60, TimeUnit.SECONDS).join();
  }

  /** Kills it at once, like a machine that dies. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
