package dev.securechat.bench.broadcast;

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
 * {@code bench broadcast}: fan-out. N clients are connected; a few of them broadcast, and every
 * broadcast is delivered to all the others, each delivery timed and checked for exactly-once order
 * per sender.
 */
@Command(
    name = "broadcast",
    mixinStandardHelpOptions = true,
    description = {
      "Broadcast fan-out: N logged-in clients, --senders of them broadcast at --rate broadcasts/s"
          + " in all (or flat out, --rate 0); every other client receives each one.",
      "Reports deliveries/s and the latency to every recipient, and checks exactly-once order."
    })
public final class BroadcastBench implements Callable<Integer> {
  static final String SCENARIO = "broadcast";

  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin LoadOptions load;
  @Mixin TrafficOptions traffic;

  @Option(names = "--clients", description = "Connected clients (default: ${DEFAULT-VALUE}).")
  int clients = 1000;

  @Option(
      names = "--senders",
      description = "Clients that broadcast, the others only receive (default: ${DEFAULT-VALUE}).")
  int senders = 10;

  @Option(
      names = "--rate",
      paramLabel = "PER_S",
      description =
          "Broadcasts per second over all senders; 0 for flat out (default: ${DEFAULT-VALUE}).")
  double rate = 20;

  record Parameters(
      LoadOptions.Parameters load, TrafficOptions.Recorded traffic, int senders, double rate) {}

  @Override
  public Integer call() throws Exception {
    String problem = traffic.problem();
    if (problem == null && (clients < 2 || senders < 1 || senders > clients || rate < 0)) {
      problem = "--clients must be >= 2, --senders 1 to --clients, --rate >= 0";
    }
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
    String header =
        String.format(
            Locale.ROOT,
            "%,d clients, %,d of them broadcasting %d B, %s, window %d, %.0f s after %.0f s"
                + " warm-up",
            clients,
            senders,
            traffic.size(),
            rate > 0 ? "%,.1f broadcasts/s".formatted(rate) : "flat out",
            traffic.window(),
            traffic.duration(),
            traffic.warmup());
    return new TrafficScenario(SCENARIO, header, "broadcasts", "deliveries")
        .run(
            run,
            load,
            clients,
            names -> traffic.plan(names, senders, true, rate),
            (l, p) -> new Parameters(l, traffic.recorded(), senders, rate));
  }
}
