package dev.securechat.bench.support;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.load.LoadNetwork;
import dev.securechat.bench.load.Registration;
import dev.securechat.bench.load.SourceAddresses;
import dev.securechat.bench.load.Target;
import dev.securechat.bench.servers.ChildServer;
import dev.securechat.bench.servers.ExternalServers;
import dev.securechat.bench.servers.ServerSetup;
import dev.securechat.bench.servers.ServerUnderTest;
import dev.securechat.server.config.StorageSettings.SqliteSynchronous;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What every load scenario (relay, broadcast, connections, storm) shares: which server to load (one
 * the bench starts, or running ones) and how the simulated clients connect.
 */
public final class LoadOptions {
  /** Descriptors beyond one per client: the JVM's own files, jars, the database, sockets. */
  private static final int SPARE_FILES = 2_000;

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Load servers that already run, clients spread round-robin; default: start the real"
              + " server as a child JVM with a scratch data folder.")
  String connect;

  @Option(
      names = "--metrics",
      paramLabel = "URL",
      split = ",",
      description = "With --connect: each server's /metrics URL, to report its figures.")
  List<URI> metrics = List.of();

  @Option(
      names = "--fingerprint",
      paramLabel = "SHA256:..",
      split = ",",
      description =
          "With --connect: the server keys to trust; default: trust each server's first key for"
              + " the run.")
  List<String> fingerprints = List.of();

  @Option(
      names = "--account-prefix",
      description =
          "Usernames are PREFIX-0000001 ...; with --connect, a rerun reuses its accounts"
              + " (default: ${DEFAULT-VALUE}).")
  String accountPrefix = "bench";

  @Option(
      names = "--server-jvm-opts",
      paramLabel = "OPTIONS",
      description =
          "More JVM options for the child server, after -XX:+UseZGC"
              + " --enable-native-access=ALL-UNNAMED, e.g. \"-Xmx8g"
              + " -XX:StartFlightRecording=filename=server.jfr\".")
  String serverJvmOpts = "";

  @Option(
      names = "--synchronous",
      description =
          "The child server's SQLite synchronous: ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}).")
  SqliteSynchronous synchronous = SqliteSynchronous.FULL;

  @Option(
      names = "--server-log-level",
      description = "The child server's log level (default: ${DEFAULT-VALUE}).")
  String serverLogLevel = "WARN";

  @Option(
      names = "--client-threads",
      description =
          "Event loop threads shared by all simulated clients (default: the number of cores).")
  int clientThreads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--connect-concurrency",
      description = "Logins in progress at once while clients connect (default: ${DEFAULT-VALUE}).")
  int connectConcurrency = 200;

  /** The parameters a report records about where and how the load ran. */
  public record Parameters(
      int clients,
      String server,
      List<String> targets,
      String serverSynchronous,
      String serverArgon2,
      List<String> serverJvmOptions,
      int clientThreads,
      String clientTransport,
      int connectConcurrency,
      int sourceAddresses,
      FileLimit.Result fileLimit) {}

  public int clientThreads() {
    return clientThreads;
  }

  public int connectConcurrency() {
    return connectConcurrency;
  }

  /**
   * Raises the open-file limit for {@code clients} connections (the child server inherits it) and
   * fails clearly if it cannot be raised far enough.
   */
  public FileLimit.Result raiseFileLimit(int clients) {
    FileLimit.Result limit = FileLimit.raise();
    System.err.printf(
        "bench: open files: soft %,d, hard %,d (were %,d / %,d)%s%n",
        limit.soft(),
        limit.hard(),
        limit.softBefore(),
        limit.hardBefore(),
        limit.note().isEmpty() ? "" : "; " + limit.note());
    FileLimit.require(limit, (long) clients + SPARE_FILES);
    return limit;
  }

  /** Starts the child server with {@code clients} accounts, or describes the running servers. */
  public ServerUnderTest server(ScratchDir scratch, int clients) throws Exception {
    if (accountPrefix.length() > 24 || !accountPrefix.matches("[a-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "--account-prefix must be 1 to 24 characters of a-z 0-9 _ . -");
    }
    List<Account> accounts = accounts(clients);
    if (connect != null) {
      return new ExternalServers(
          Target.parseList(connect), metrics, Set.copyOf(fingerprints), accounts);
    }
    return ChildServer.start(scratch.path(), setup(), accounts);
  }

  public Parameters parameters(int clients, ServerUnderTest server, FileLimit.Result limit) {
    boolean child = connect == null;
    ServerSetup setup = setup();
    return new Parameters(
        clients,
        server.describe(),
        server.targets().stream().map(Target::toString).toList(),
        child ? synchronous.name() : "the server's own",
        child
            ? "m=%d KiB, t=%d, p=1".formatted(setup.argon2MemoryKib(), setup.argon2Iterations())
            : "the server's own",
        child ? setup.allJvmOptions() : List.of(),
        clientThreads,
        LoadNetwork.transportName(),
        connectConcurrency,
        server.targets().stream().allMatch(Target::isLoopback) ? SourceAddresses.used(clients) : 1,
        limit);
  }

  private ServerSetup setup() {
    List<String> jvm =
        serverJvmOpts.isBlank() ? List.of() : Arrays.asList(serverJvmOpts.strip().split("\\s+"));
    return new ServerSetup(
        synchronous,
        ServerSetup.CHEAP_ARGON2_MEMORY_KIB,
        ServerSetup.CHEAP_ARGON2_ITERATIONS,
        jvm,
        serverLogLevel);
  }

  private List<Account> accounts(int clients) {
    SecureRandom random = new SecureRandom();
    List<Account> accounts = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      String name = "%s-%07d".formatted(accountPrefix, i);
      byte[] token = new byte[32];
      random.nextBytes(token);
      accounts.add(new Account(i, name, Registration.loginSecret(name), token));
    }
    return List.copyOf(accounts);
  }
}
