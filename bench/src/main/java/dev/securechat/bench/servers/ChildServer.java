package dev.securechat.bench.servers;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.load.LoginMode;
import dev.securechat.bench.load.Target;
import dev.securechat.server.config.ConfigException;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.ServerConfigLoader;
import dev.securechat.server.tls.ServerCertificates;
import dev.securechat.server.tls.ServerIdentity;
import dev.securechat.server.tls.ServerIdentityException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The real server as a child JVM ({@code dev.securechat.server.Main} on this class path, with the
 * server's JVM flags), in a scratch folder with a generated INI file. Its accounts and TLS key are
 * made before it starts, so the clients know whom to trust and how to log in.
 */
public final class ChildServer implements ServerUnderTest {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final String HOST = "127.0.0.1";

  private final Process process;
  private final Target target;
  private final URI metrics;
  private final String fingerprint;
  private final List<Account> accounts;
  private final Path logFile;
  private final String command;
  private LogScan log;

  private ChildServer(
      Process process,
      Target target,
      URI metrics,
      String fingerprint,
      List<Account> accounts,
      Path logFile,
      String command) {
    this.process = process;
    this.target = target;
    this.metrics = metrics;
    this.fingerprint = fingerprint;
    this.accounts = accounts;
    this.logFile = logFile;
    this.command = command;
  }

  /**
   * Writes the configuration, seeds the accounts, starts the server and waits until its {@code
   * /health} answers.
   */
  public static ChildServer start(Path dir, ServerSetup setup, List<Account> accounts)
      throws IOException, InterruptedException, ConfigException, ServerIdentityException {
    int chatPort = freePort();
    int dashboardPort = freePort();
    Path data = dir.resolve("server");
    Path logFile = dir.resolve("server.log");
    Path ini =
        ServerIni.write(
            dir.resolve("server.ini"), settings(setup, data, logFile, chatPort, dashboardPort));
    ServerConfig config = ServerConfigLoader.load(Optional.of(ini), Map.of(), Map.of());
    Files.createDirectories(data);
    ServerIdentity identity =
        ServerCertificates.loadOrCreate(
            data, Optional.empty(), Optional.empty(), Clock.systemUTC());
    long seedStart = System.nanoTime();
    AccountSeeder.seed(config, accounts, Clock.systemUTC());
    System.err.printf(
        "bench: seeded %,d accounts in %.1f s%n",
        accounts.size(), (System.nanoTime() - seedStart) / 1e9);

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(setup.allJvmOptions());
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.securechat.server.Main",
            "--config",
            ini.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server-console.log").toFile());
    // A stray SECURECHAT_* variable must not change what is measured.
    pb.environment().keySet().removeIf(k -> k.startsWith("SECURECHAT_"));
    Process process = pb.start();
    URI base = URI.create("http://" + HOST + ":" + dashboardPort + "/");
    ChildServer server =
        new ChildServer(
            process,
            new Target(HOST, chatPort),
            base.resolve("metrics"),
            identity.fingerprint(),
            accounts,
            logFile,
            String.join(" ", cmd)
                .replace(System.getProperty("java.class.path"), "<bench class path>"));
    server.awaitHealthy(base.resolve("health"), dir.resolve("server-console.log"));
    return server;
  }

  private static Map<String, Map<String, String>> settings(
      ServerSetup setup, Path data, Path logFile, int chatPort, int dashboardPort) {
    return Map.of(
        "Server",
        Map.of(
            "host",
            HOST,
            "port",
            Integer.toString(chatPort),
            "data_dir",
            data.toString(),
            // Every simulated client comes from one of a few loopback addresses.
            "max_connections_per_address",
            "1000000"),
        "Storage",
        Map.of("synchronous", setup.synchronous().name()),
        "Security",
        Map.of(
            "argon2_memory_kib", Integer.toString(setup.argon2MemoryKib()),
            "argon2_iterations", Integer.toString(setup.argon2Iterations())),
        "Logging",
        Map.of("level", setup.logLevel(), "file", logFile.toString()),
        "Dashboard",
        Map.of(
            "host",
            HOST,
            "port",
            Integer.toString(dashboardPort),
            // Set, so the server does not make one (an Argon2 run and a console notice).
            "admin_password",
            "bench-" + Long.toHexString(System.nanoTime()) + "-unused"));
  }

  private void awaitHealthy(URI health, Path console) throws IOException, InterruptedException {
    MetricsClient http = new MetricsClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "the server exited with "
                + process.exitValue()
                + " before it was up; its console said:\n"
                + tail(console));
      }
      if (http.isUp(health)) {
        return;
      }
      Thread.sleep(50);
    }
    close();
    throw new IOException("the server was not up within " + START_TIMEOUT.toSeconds() + " s");
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** A port free now; the server binds it a moment later (a race the bench accepts). */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  @Override
  public List<Target> targets() {
    return List.of(target);
  }

  @Override
  public List<URI> metrics() {
    return List.of(metrics);
  }

  @Override
  public Set<String> fingerprints() {
    return Set.of(fingerprint);
  }

  @Override
  public LoginMode firstLogin() {
    return LoginMode.RESUME;
  }

  @Override
  public List<Account> accounts() {
    return accounts;
  }

  @Override
  public Optional<ProcessHandle> process() {
    return Optional.of(process.toHandle());
  }

  @Override
  public String describe() {
    return command;
  }

  @Override
  public Optional<LogScan> log() {
    return Optional.ofNullable(log);
  }

  /** SIGTERM, as an operator stops it: the server drains and exits; killed if it hangs. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        System.err.println("bench: the server did not stop in time; killing it");
        process.destroyForcibly().waitFor();
      }
      log = LogScan.of(logFile);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("bench: cannot read the server's log " + logFile + ": " + e);
    }
  }
}
