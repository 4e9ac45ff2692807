package dev.securechat.server.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The real server, {@code dev.securechat.server.Main}, in a JVM of its own, started from a config
 * file the way an operator starts it, so that a test can kill it with SIGKILL (nothing is flushed,
 * no client is told) and start it again on the same data folder and ports.
 *
 * <p>Each start writes {@code server.ini} into the test's folder: the chat and dashboard ports
 * (fixed, chosen free once, so that clients find a restarted server where the old one was), the
 * data folder, a log file outside it (a test may fill or break the data folder's disk), cheap
 * Argon2 and the dashboard password of {@link TestServer}, plus the test's own settings (which must
 * leave the two ports to this class). Public for the cluster tests, which kill a node of their own.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(40);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final Path dataDir;
  private final int chatPort;
  private final int dashboardPort;
  private final Map<String, String> settings;
  private int starts;
  private ChildJvm jvm;

  /**
   * @param dir the test's folder: config file and log files go there
   * @param dataDir the server's data folder
   * @param settings {@code section.key} to value, over the defaults of this class
   */
  public ServerProcess(Path dir, Path dataDir, Map<String, String> settings) {
    this.dir = dir;
    this.dataDir = dataDir;
    this.chatPort = freePort();
    int dashboard = freePort();
    while (dashboard == chatPort) {
      dashboard = freePort();
    }
    this.dashboardPort = dashboard;
    this.settings = Map.copyOf(settings);
  }

  /** Starts the JVM; does not wait for it to be ready. */
  ServerProcess start() throws IOException {
    if (jvm != null && jvm.isAlive()) {
      throw new IllegalStateException("the server process is still running");
    }
    starts++;
    Path config = dir.resolve("server.ini");
    Files.writeString(config, configText());
    jvm = ChildJvm.start(dir, "dev.securechat.server.Main", List.of("--config", config.toString()));
    return this;
  }

  /** Starts the JVM and waits until {@code /health} answers (UP or DEGRADED). */
  public ServerProcess startAndAwaitReady() throws IOException {
    start();
    awaitReady();
    return this;
  }

  /** Polls {@code /health} until it answers, failing at once if the process ends. */
  void awaitReady() {
    await()
        .atMost(READY_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!jvm.isAlive()) {
                throw new AssertionError("the server exited while starting:\n" + output());
              }
              return health().map(h -> h.statusCode() == 200).orElse(false);
            });
  }

  /** {@code GET /health}, or empty when nothing answers. */
  Optional<HttpResponse<String>> health() {
    return get("/health");
  }

  /** A GET on the dashboard port, or empty when nothing answers. */
  Optional<HttpResponse<String>> get(String path) {
    try {
      return Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(URI.create(dashboard() + path.substring(1)))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public InetSocketAddress chatAddress() {
    return new InetSocketAddress("127.0.0.1", chatPort);
  }

  URI dashboard() {
    return URI.create("http://127.0.0.1:" + dashboardPort + "/");
  }

  /** What the current (or last) process printed: its console log and any error. */
  String output() {
    return jvm == null ? "" : jvm.output();
  }

  boolean isAlive() {
    return jvm != null && jvm.isAlive();
  }

  /** {@code kill -9}: the server stops dead, in the middle of whatever it was doing. */
  public void kill() throws InterruptedException {
    jvm.kill();
  }

  /** SIGTERM: the server's orderly shutdown; returns the exit code. */
  int stop() throws InterruptedException {
    return jvm.stop(Duration.ofSeconds(30));
  }

  /** Waits for a process that is expected to end by itself; returns its exit code. */
  int awaitExit() throws InterruptedException {
    return jvm.awaitExit(READY_WITHIN);
  }

  @Override
  public void close() {
    if (jvm != null) {
      jvm.close();
    }
  }

  private String configText() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.host", "127.0.0.1");
    all.put("server.port", String.valueOf(chatPort));
    all.put("server.data_dir", dataDir.toString());
    all.put("server.shutdown_grace_seconds", "2");
    all.put("dashboard.host", "127.0.0.1");
    all.put("dashboard.port", String.valueOf(dashboardPort));
    all.put("dashboard.admin_password", TestServer.ADMIN_PASSWORD);
    all.put("security.argon2_memory_kib", "8192");
    all.put("security.argon2_iterations", "1");
    all.put("logging.file", dir.resolve("server-" + starts + ".log").toString());
    all.putAll(settings);
    Map<String, Map<String, String>> sections = new TreeMap<>();
    all.forEach(
        (key, value) -> {
          int dot = key.indexOf('.');
          String section = Character.toUpperCase(key.charAt(0)) + key.substring(1, dot);
          sections
              .computeIfAbsent(section, s -> new LinkedHashMap<>())
              .put(key.substring(dot + 1), value);
        });
    StringBuilder ini = new StringBuilder();
    sections.forEach(
        (section, keys) -> {
          ini.append('[').append(section).append("]\n");
          keys.forEach((k, v) -> ini.append(k).append(" = ").append(v).append('\n'));
        });
    return ini.toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
