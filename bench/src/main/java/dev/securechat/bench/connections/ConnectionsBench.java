package dev.securechat.bench.connections;

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
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench connections}: opens N TLS connections (logged in unless told otherwise) and holds
 * them idle, then weighs what they cost: heap after a full collection and resident memory of the
 * server, and of the load generator, against a baseline taken before connecting.
 */
@Command(
    name = "connections",
    mixinStandardHelpOptions = true,
    description = {
      "Idle connections: opens N TLS connections to the real server, logged in by default, holds"
          + " them, and reports heap (after a full GC) and resident memory per connection for the"
          + " server and the load generator."
    })
public final class ConnectionsBench implements Callable<Integer> {
  static final String SCENARIO = "connections";
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(60);

  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin LoadOptions load;

  @Option(names = "--clients", description = "Connections to open (default: ${DEFAULT-VALUE}).")
  int clients = 10_000;

  @Option(
      names = "--no-login",
      description = "Stop after the hello exchange: TLS connections without a session.")
  boolean noLogin;

  @Option(
      names = "--hold",
      paramLabel = "SECONDS",
      description =
          "How long to hold the connections idle before weighing them (default: ${DEFAULT-VALUE}).")
  double hold = 10;

  record Parameters(LoadOptions.Parameters load, boolean loggedIn, double holdSeconds) {}

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || hold < 0) {
      throw new ParameterException(spec.commandLine(), "--clients must be >= 1, --hold >= 0");
    }
    FileLimit.Result limit = load.raiseFileLimit(clients);
    Instant started = Instant.now();
    Environment environment = Environment.current();
    ConnectionsResults results;
    Parameters parameters;
    try (ScratchDir scratch = ScratchDir.create(run.dir(), SCENARIO, run.keep())) {
      ServerUnderTest server = load.server(scratch, clients);
      try {
        parameters = new Parameters(load.parameters(clients, server, limit), !noLogin, hold);
        results = measure(server);
      } finally {
        server.close();
      }
      results = results.withServerLog(server.log().orElse(null));
    }
    System.out.printf(
        Locale.ROOT,
        "%nconnections: %,d idle TLS connections, %s, held %.0f s%n%n",
        clients,
        noLogin ? "not logged in" : "logged in",
        hold);
    System.out.print(results.table().render());
    System.out.println();
    System.out.print(results.timeToConnect().table("connect -> logged in").render());
    Path json = run.json(SCENARIO);
    new BenchReport(SCENARIO, started, environment, parameters, results).writeJson(json);
    System.out.println("\nJSON: " + json);
    return results.clean() ? 0 : 1;
  }

  private ConnectionsResults measure(ServerUnderTest server) throws Exception {
    MetricsClient http = new MetricsClient();
    ClientEvents events = new ClientEvents();
    List<Target> targets = server.targets();
    List<Connector.Spec> specs = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      specs.add(
          new Connector.Spec(
              server.accounts().get(i), targets.get(i % targets.size()), Traffic.NONE));
    }
    try (LoadNetwork network =
        new LoadNetwork(load.clientThreads(), new ServerTrust(server.fingerprints()))) {
      Footprint serverBefore = Footprint.ofServer(server, http).orElse(null);
      Footprint generatorBefore = Footprint.ofGenerator();
      List<Metrics> before = http.scrapeAll(server.metrics());
      LongAdder connected = new LongAdder();
      Recorder timeToConnect = new Recorder(3);
      long start = System.nanoTime();
      System.err.printf(Locale.ROOT, "connections: opening %,d connections%n", clients);
      Connector.Outcome outcome;
      ProgressMeter meter =
          ProgressMeter.start("connected", connected::sum, start, run.progressSeconds());
      try (meter) {
        outcome =
            new Connector(
                    network,
                    events,
                    noLogin ? LoginMode.NONE : server.firstLogin(),
                    load.connectConcurrency(),
                    3,
                    Connector::resumable)
                .connectAll(specs, connected, timeToConnect, CONNECT_TIMEOUT);
      }
      List<Metrics> afterConnect = http.scrapeAll(server.metrics());
      System.err.printf(
          Locale.ROOT,
          "connections: %,d open after %.1f s (%,d failed); holding %.0f s%n",
          outcome.clients().size(),
          outcome.seconds(),
          outcome.failed(),
          hold);
      Thread.sleep(Math.round(hold * 1000));
      int open = (int) outcome.clients().stream().filter(LoadClient::isActive).count();
      Footprint serverAfter = Footprint.ofServer(server, http).orElse(null);
      Footprint generatorAfter = Footprint.ofGenerator();
      List<Metrics> afterHold = http.scrapeAll(server.metrics());
      List<ServerFigures> connecting = new ArrayList<>();
      List<ServerFigures> holding = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        String uri = server.metrics().get(i).toString();
        connecting.add(ServerFigures.between(uri, before.get(i), afterConnect.get(i)));
        holding.add(ServerFigures.between(uri, afterConnect.get(i), afterHold.get(i)));
      }
      outcome.clients().forEach(LoadClient::close);
      double seconds = outcome.seconds();
      return new ConnectionsResults(
          clients,
          !noLogin,
          outcome.clients().size(),
          outcome.failed(),
          outcome.retries(),
          seconds,
          outcome.clients().size() / seconds,
          LatencySummary.ofNanos(timeToConnect.getIntervalHistogram()),
          hold,
          open,
          serverBefore == null ? null : Footprint.added(serverBefore, serverAfter, open),
          Footprint.added(generatorBefore, generatorAfter, open),
          connecting,
          holding,
          events.problems().snapshot(),
          meter.samples(),
          null);
    }
  }
}
