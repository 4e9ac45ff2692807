package dev.securechat.bench.relay;

import dev.securechat.bench.support.LoadOptions;
import dev.securechat.bench.support.RunOptions;
import dev.securechat.bench.traffic.TrafficOptions;
import dev.securechat.bench.traffic.TrafficScenario;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench relay}: many connected clients send direct messages to random peers, at a target
 * total rate or flat out, through the real server; every delivery is timed and checked for
 * exactly-once order per sender.
 */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description = {
      "Direct-message relay: N logged-in clients send messages to random peers through the real"
          + " server (TLS, SQLite), at --rate messages/s in all or flat out (--rate 0).",
      "Reports messages/s, send-to-deliver and send-to-Stored latency, errors, and checks that"
          + " every stored message arrives exactly once and in order."
    })
public final class RelayBench implements Callable<Integer> {
  static final String SCENARIO = "relay";

  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin LoadOptions load;
  @Mixin TrafficOptions traffic;

  @Option(names = "--clients", description = "Connected clients (default: ${DEFAULT-VALUE}).")
  int clients = 1000;

  @Option(
      names = "--rate",
      paramLabel = "MSGS_PER_S",
      description =
          "Messages per second over all clients; 0 for flat out (default: ${DEFAULT-VALUE}).")
  double rate = 10_000;

  record Parameters(LoadOptions.Parameters load, TrafficOptions.Recorded traffic, double rate) {}

  @Override
  public Integer call() throws Exception {
    String problem = traffic.problem();
    if (problem == null && (clients < 2 || rate < 0)) {
      problem = "--clients must be >= 2 and --rate >= 0";
    }
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
    String header =
        String.format(
            Locale.ROOT,
            "%,d clients, direct messages of %d B to random peers, %s, window %d, %.0f s after"
                + " %.0f s warm-up",
            clients,
            traffic.size(),
            rate > 0 ? "%,.0f messages/s".formatted(rate) : "flat out",
            traffic.window(),
            traffic.duration(),
            traffic.warmup());
    return new TrafficScenario(SCENARIO, header, "messages", "deliveries")
        .run(
            run,
            load,
            clients,
            names -> traffic.plan(names, clients, false, rate),
            (l, p) -> new Parameters(l, traffic.recorded(), rate));
  }
}
