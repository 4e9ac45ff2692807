package dev.securechat.bench.storm;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.load.ClientEvents;
import dev.securechat.bench.load.Connector;
import dev.securechat.bench.load.LoadClient;
import dev.securechat.bench.load.LoadNetwork;
import dev.securechat.bench.load.LoginMode;
import dev.securechat.bench.load.ServerTrust;
import dev.securechat.bench.load.Target;
import dev.securechat.bench.load.Traffic;
import dev.securechat.bench.report.BenchReport;
import dev.securechat.bench.report.Environment;
import dev.securechat.bench.report.LatencySummary;
import dev.securechat.bench.report.ProgressMeter;
import dev.securechat.bench.servers.Metrics;
import dev.securechat.bench.servers.MetricsClient;
import dev.securechat.bench.servers.ServerFigures;
import dev.securechat.bench.servers.ServerUnderTest;
import dev.securechat.bench.support.FileLimit;
import dev.securechat.bench.support.LoadOptions;
import dev.securechat.bench.support.RunOptions;
import dev.securechat.bench.support.ScratchDir;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench storm}: every client drops and reconnects at once, logging in with its device token
 * ({@code Resume}). First over resumed TLS sessions (each client offers the ticket of its previous
 * connection, and the run checks that the handshake really skipped the certificate), then the same
 * storm with resumption off, for the full-handshake rate beside it.
 */
@Command(
    name = "storm",
    mixinStandardHelpOptions = true,
    description = {
      "Reconnect storm: N clients with device tokens reconnect at once and Resume, over resumed"
          + " TLS sessions, then again with full handshakes.",
      "Reports logins/s, time until all are back, and how many handshakes really resumed."
    })
public final class StormBench implements Callable<Integer> {
  static final String SCENARIO = "storm";
  static final String RESUMED = "resumed";
  static final String FULL = "full";
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(5);
  private static final int STORM_ATTEMPTS = 20;

  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin LoadOptions load;

  @Option(names = "--clients", description = "Clients in the storm (default: ${DEFAULT-VALUE}).")
  int clients = 5_000;

  @Option(
      names = "--handshakes",
      split = ",",
      description = "Which storms, in order: resumed, full or both (default: ${DEFAULT-VALUE}).")
  List<String> handshakes = List.of(RESUMED, FULL);

  @Option(
      names = "--storm-concurrency",
      description =
          "Logins under way at once during a storm; 0 for all at once (default: ${DEFAULT-VALUE}).")
  int stormConcurrency = 0;

  record Parameters(LoadOptions.Parameters load, List<String> handshakes, int stormConcurrency) {}

  @Override
  public Integer call() throws Exception {
    if (clients < 1
        || stormConcurrency < 0
        || handshakes.isEmpty()
        || !List.of(RESUMED, FULL).containsAll(handshakes)) {
      throw new ParameterException(
          spec.commandLine(),
          "--clients must be >= 1, --storm-concurrency >= 0, --handshakes resumed and/or full");
    }
    FileLimit.Result limit = load.raiseFileLimit(clients);
    Instant started = Instant.now();
    Environment environment = Environment.current();
    StormResults results;
    Parameters parameters;
    try (ScratchDir scratch = ScratchDir.create(run.dir(), SCENARIO, run.keep())) {
      ServerUnderTest server = load.server(scratch, clients);
      try {
        parameters =
            new Parameters(load.parameters(clients, server, limit), handshakes, stormConcurrency);
        results = measure(server);
      } finally {
        server.close();
      }
      results = results.withServerLog(server.log().orElse(null));
    }
    System.out.printf(
        Locale.ROOT,
        "%nstorm: %,d clients reconnect at once with their device token (Resume)%n%n",
        clients);
    System.out.print(results.table().render());
    if (results.serverLog() != null) {
      System.out.printf("%nserver WARN/ERROR log events: %d%n", results.serverLog().events());
      results.serverLog().excerpt().forEach(line -> System.out.println("server log: " + line));
    }
    Path json = run.json(SCENARIO);
    new BenchReport(SCENARIO, started, environment, parameters, results).writeJson(json);
    System.out.println("\nJSON: " + json);
    return results.clean() ? 0 : 1;
  }

  private StormResults measure(ServerUnderTest server) throws Exception {
    MetricsClient http = new MetricsClient();
    try (LoadNetwork network =
        new LoadNetwork(load.clientThreads(), new ServerTrust(server.fingerprints()))) {
      System.err.printf(Locale.ROOT, "storm: first connection of %,d clients%n", clients);
      Connector.Outcome prime =
          new Connector(
                  network,
                  new ClientEvents(),
                  server.firstLogin(),
                  load.connectConcurrency(),
                  3,
                  Connector::resumable)
              .connectAll(
                  specs(server, server.accounts()), new LongAdder(), new Recorder(3), TIMEOUT);
      if (prime.failed() > 0) {
        throw new IllegalStateException(
            prime.failed() + " of " + clients + " clients could not log in at all");
      }
      List<Account> accounts = tokens(server.accounts(), prime.clients());
      List<LoadClient> connected = prime.clients();
      List<StormResult> storms = new ArrayList<>();
      for (String kind : handshakes) {
        disconnect(connected, server, http);
        Storm storm =
            storm(
                kind,
                network,
                server,
                http,
                accounts,
                kind.equals(RESUMED) ? Connector::resumable : a -> null);
        storms.add(storm.result());
        connected = storm.clients();
      }
      connected.forEach(LoadClient::close);
      return new StormResults(clients, prime.seconds(), storms, null);
    }
  }

  private record Storm(StormResult result, List<LoadClient> clients) {}

  private Storm storm(
      String kind,
      LoadNetwork network,
      ServerUnderTest server,
      MetricsClient http,
      List<Account> accounts,
      Function<Account, String> sessionKey)
      throws Exception {
    ClientEvents events = new ClientEvents();
    LongAdder back = new LongAdder();
    Recorder timeToLogin = new Recorder(3);
    List<Metrics> before = http.scrapeAll(server.metrics());
    System.err.printf(Locale.ROOT, "storm: %s handshakes, %,d clients at once%n", kind, clients);
    long start = System.nanoTime();
    Connector.Outcome outcome;
    ProgressMeter meter = ProgressMeter.start("back", back::sum, start, run.progressSeconds());
    try (meter) {
      outcome =
          new Connector(
                  network, events, LoginMode.RESUME, stormConcurrency, STORM_ATTEMPTS, sessionKey)
              .connectAll(specs(server, accounts), back, timeToLogin, TIMEOUT);
    }
    List<Metrics> after = http.scrapeAll(server.metrics());
    List<ServerFigures> figures = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      figures.add(
          ServerFigures.between(server.metrics().get(i).toString(), before.get(i), after.get(i)));
    }
    int n = outcome.clients().size();
    double seconds = outcome.seconds();
    StormResult result =
        new StormResult(
            kind,
            clients,
            n,
            outcome.failed(),
            seconds,
            n / seconds,
            StormResult.peak(meter.samples()),
            n - outcome.fullHandshakes(),
            outcome.fullHandshakes(),
            outcome.retries(),
            LatencySummary.ofNanos(timeToLogin.getIntervalHistogram()),
            events.problems().snapshot(),
            figures,
            meter.samples());
    return new Storm(result, outcome.clients());
  }

  /**
   * Closes every client and waits until the server has no session left, so that the storm meets a
   * quiet server (the logouts' presence notices included).
   */
  private void disconnect(List<LoadClient> connected, ServerUnderTest server, MetricsClient http)
      throws Exception {
    connected.forEach(LoadClient::close);
    long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      boolean quiet = true;
      for (Metrics m : http.scrapeAll(server.metrics())) {
        quiet &= m.sum("securechat_connections") == 0 && m.sum("securechat_sessions") == 0;
      }
      if (quiet) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the server still counted connections "
            + QUIET_TIMEOUT.toSeconds()
            + " s after they closed");
  }

  /** For a server the clients registered with, the tokens their password logins returned. */
  private static List<Account> tokens(List<Account> accounts, List<LoadClient> clients) {
    List<Account> updated = new ArrayList<>(accounts);
    for (LoadClient c : clients) {
      byte[] token = c.ready().join().deviceToken();
      if (token.length > 0) {
        updated.set(c.account().index(), c.account().withDeviceToken(token));
      }
    }
    return List.copyOf(updated);
  }

  private List<Connector.Spec> specs(ServerUnderTest server, List<Account> accounts) {
    List<Target> targets = server.targets();
    List<Connector.Spec> specs = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      specs.add(new Connector.Spec(accounts.get(i), targets.get(i % targets.size()), Traffic.NONE));
    }
    return specs;
  }
}
