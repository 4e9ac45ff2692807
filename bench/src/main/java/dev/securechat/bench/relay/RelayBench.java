package dev.securechat.bench.relay;

import dev.securechat.bench.support.LoadOptions;
import dev.securechat.bench.support.RunOptions;
import dev.securechat.bench.traffic.Plan;
import dev.securechat.bench.traffic.TrafficScenario;
import dev.securechat.protocol.Limits;
import java.time.Duration;
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

  @Option(names = "--clients", description = "Connected clients (default: ${DEFAULT-VALUE}).")
  int clients = 1000;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      description = "Envelope size (default: ${DEFAULT-VALUE}).")
  int size = 256;

  @Option(
      names = "--rate",
      paramLabel = "MSGS_PER_S",
      description =
          "Messages per second over all clients; 0 for flat out (default: ${DEFAULT-VALUE}).")
  double rate = 10_000;

  @Option(
      names = "--window",
      description =
          "Most unconfirmed (not yet Stored) messages per client; flat out, each keeps this many"
              + " (default: ${DEFAULT-VALUE}).")
  int window = 16;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description =
          "Sending before measuring, for the JIT and the queues (default: ${DEFAULT-VALUE}).")
  double warmup = 10;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description = "The measured phase (default: ${DEFAULT-VALUE}).")
  double duration = 30;

  @Option(
      names = "--drain-timeout",
      paramLabel = "SECONDS",
      description =
          "After sending stops, how long to wait for the last answers and deliveries"
              + " (default: ${DEFAULT-VALUE}).")
  double drainTimeout = 60;

  record Parameters(
      LoadOptions.Parameters load,
      int size,
      double rate,
      int window,
      double warmupSeconds,
      double durationSeconds) {}

  @Override
  public Integer call() throws Exception {
    validate();
    String mode = rate > 0 ? "%,.0f messages/s".formatted(rate) : "flat out";
    return new TrafficScenario(
            SCENARIO,
            String.format(
                Locale.ROOT,
                "%,d clients, direct messages of %d B to random peers, %s, window %d,"
                    + " %.0f s after %.0f s warm-up",
                clients,
                size,
                mode,
                window,
                duration,
                warmup),
            "messages",
            "deliveries")
        .run(
            run,
            load,
            clients,
            names ->
                new Plan(
                    names,
                    clients,
                    false,
                    size,
                    window,
                    rate,
                    seconds(warmup),
                    seconds(duration),
                    seconds(drainTimeout),
                    Plan.randomFiller(size)),
            (l, p) -> new Parameters(l, size, rate, window, warmup, duration));
  }

  static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private void validate() {
    int maxEnvelope = Limits.maxEnvelopeBytes(Limits.DEFAULT_MAX_FRAME_BYTES);
    if (size < Plan.MIN_SIZE || size > maxEnvelope) {
      throw new ParameterException(
          spec.commandLine(),
          "--size must be between " + Plan.MIN_SIZE + " and " + maxEnvelope + " bytes");
    }
    if (clients < 2 || window < 1 || rate < 0 || warmup < 0 || duration <= 0 || drainTimeout <= 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--clients must be >= 2, --window >= 1, --rate and --warmup >= 0, --duration and"
              + " --drain-timeout > 0");
    }
  }
}
