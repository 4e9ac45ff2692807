package dev.securechat.bench.traffic;

import dev.securechat.protocol.Limits;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The options relay and broadcast share: envelope size, window and the phases of a run. */
public final class TrafficOptions {
  @Option(
      names = "--size",
      paramLabel = "BYTES",
      description = "Envelope size (default: ${DEFAULT-VALUE}).")
  int size = 256;

  @Option(
      names = "--window",
      description =
          "Most unconfirmed (not yet Stored) messages per sender; flat out, each keeps this many"
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

  /** What the report records of these options. */
  public record Recorded(int size, int window, double warmupSeconds, double durationSeconds) {}

  public Recorded recorded() {
    return new Recorded(size, window, warmup, duration);
  }

  public int size() {
    return size;
  }

  public int window() {
    return window;
  }

  public double warmup() {
    return warmup;
  }

  public double duration() {
    return duration;
  }

  /** The plan for these options; {@code senders} clients of {@code names} send. */
  public Plan plan(List<String> names, int senders, boolean broadcast, double rate) {
    return new Plan(
        names,
        senders,
        broadcast,
        size,
        window,
        rate,
        seconds(warmup),
        seconds(duration),
        seconds(drainTimeout),
        Plan.randomFiller(size));
  }

  /** Null if the options are sound, else what is wrong. */
  public String problem() {
    int maxEnvelope = Limits.maxEnvelopeBytes(Limits.DEFAULT_MAX_FRAME_BYTES);
    if (size < Plan.MIN_SIZE || size > maxEnvelope) {
      return "--size must be between " + Plan.MIN_SIZE + " and " + maxEnvelope + " bytes";
    }
    if (window < 1 || warmup < 0 || duration <= 0 || drainTimeout <= 0) {
      return "--window must be >= 1, --warmup >= 0, --duration and --drain-timeout > 0";
    }
    return null;
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
