package dev.securechat.bench.loop;

import dev.securechat.bench.report.BenchReport;
import dev.securechat.bench.report.Environment;
import dev.securechat.bench.report.ProgressMeter;
import dev.securechat.bench.servers.LogScan;
import dev.securechat.bench.support.RunOptions;
import dev.securechat.bench.support.ScratchDir;
import dev.securechat.bench.support.ServerConfigs;
import dev.securechat.protocol.Limits;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.StorageSettings.SqliteSynchronous;
import dev.securechat.server.logging.LoggingSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench loop}: the simplest end-to-end path. A real server in this JVM, two real clients
 * over TLS on loopback; alice sends bob direct messages with a bounded window of unconfirmed ones,
 * and bob times each delivery against the send time carried in the envelope.
 */
@Command(
    name = "loop",
    mixinStandardHelpOptions = true,
    description = {
      "Two-client loop: a real server in-process, alice sends bob direct messages over TLS.",
      "Reports delivered/s at bob, Stored/s at alice and send-to-deliver latency."
    })
public final class LoopBench implements Callable<Integer> {
  static final String SCENARIO = "loop";
  static final String SENDER = "alice";
  static final String RECEIVER = "bob";

  @Spec CommandSpec spec;
  @Mixin RunOptions run;

  @Option(names = "--messages", description = "Messages alice sends (default: ${DEFAULT-VALUE}).")
  int messages = 50_000;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      description = "Envelope size (default: ${DEFAULT-VALUE}).")
  int size = 256;

  @Option(
      names = "--window",
      description = "Most messages sent and not yet Stored (default: ${DEFAULT-VALUE}).")
  int window = 1000;

  @Option(
      names = "--warmup",
      description =
          "Messages sent and delivered first, unmeasured, so the JIT has compiled the path"
              + " (default: ${DEFAULT-VALUE}).")
  int warmup = 0;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "Give up on sending and waiting after this long, warm-up included"
              + " (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 600;

  @Option(
      names = "--synchronous",
      description =
          "The server store's SQLite synchronous: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SqliteSynchronous synchronous = SqliteSynchronous.FULL;

  record Parameters(
      int messages,
      int warmup,
      int size,
      int window,
      long timeoutSeconds,
      SqliteSynchronous serverSynchronous,
      Path scratchParent) {}

  @Override
  public Integer call() throws Exception {
    validate();
    Parameters parameters =
        new Parameters(messages, warmup, size, window, timeoutSeconds, synchronous, run.dir());
    Instant started = Instant.now();
    Environment environment = Environment.current();
    LoopResults results;
    try (ScratchDir scratch = ScratchDir.create(run.dir(), SCENARIO, run.keep())) {
      Path log = scratch.resolve("bench.log");
      ServerConfig config = ServerConfigs.load(overrides(scratch, log));
      // Server and clients share this JVM's logging: WARN and above, to the console and the file.
      LoggingSetup.apply(config.logging());
      // The log is read once the server and clients have stopped, shutdown included.
      results = measure(scratch, config).withLog(LogScan.of(log));
    }
    System.out.printf(
        Locale.ROOT,
        "%nloop: %,d messages (after %,d warm-up) of %d B, %s -> %s, window %,d,"
            + " server synchronous=%s%n%n",
        messages,
        warmup,
        size,
        SENDER,
        RECEIVER,
        window,
        synchronous);
    System.out.print(results.table().render());
    System.out.println();
    System.out.print(results.sendToDeliver().table("send -> deliver").render());
    results.logExcerpt().forEach(line -> System.out.println("log: " + line));
    Path json = run.json(SCENARIO);
    new BenchReport(SCENARIO, started, environment, parameters, results).writeJson(json);
    System.out.println("\nJSON: " + json);
    return results.clean() ? 0 : 1;
  }

  /** TestServer's cheap Argon2 (two registrations are not what is measured), defaults otherwise. */
  private Map<String, String> overrides(ScratchDir scratch, Path log) {
    Map<String, String> o = new HashMap<>();
    o.put("server.port", "0");
    o.put("server.data_dir", scratch.resolve("server").toString());
    o.put("server.shutdown_grace_seconds", "2");
    // The loop measures the chat path; the dashboard would also claim port 8080.
    o.put("dashboard.enabled", "false");
    o.put("security.argon2_memory_kib", "8192");
    o.put("security.argon2_iterations", "1");
    o.put("storage.synchronous", synchronous.name());
    o.put("logging.file", log.toString());
    o.put("logging.level", "WARN");
    return o;
  }

  private LoopResults measure(ScratchDir scratch, ServerConfig config) throws Exception {
    Receiver bobListener = new Receiver(RECEIVER);
    Receiver aliceListener = new Receiver(SENDER);
    try (SecureChatServer server = SecureChatServer.start(config, Clock.systemUTC());
        BenchClient bob =
            BenchClient.online(
                RECEIVER, scratch.resolve(RECEIVER), server.chatAddress(), bobListener);
        BenchClient alice =
            BenchClient.online(
                SENDER, scratch.resolve(SENDER), server.chatAddress(), aliceListener)) {
      WindowedSender sender = new WindowedSender(alice, RECEIVER, window, size);
      long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
      boolean warmedUp = warmUp(sender, bobListener, deadline);
      bobListener.takeLatencies(); // the warm-up's latencies are not part of the measurement
      LoopResults.Baseline base =
          new LoopResults.Baseline(
              System.nanoTime(), sender.sent(), sender.stored(), bobListener.delivered());
      ProgressMeter meter =
          ProgressMeter.start(
              "delivered",
              () -> bobListener.delivered() - base.delivered(),
              base.startNanos(),
              run.progressSeconds());
      boolean complete;
      try (meter) {
        sender.run(warmup, messages, deadline);
        boolean delivered = bobListener.awaitDelivered((long) warmup + messages, deadline);
        boolean answered = sender.awaitAnswers(deadline);
        complete = warmedUp && delivered && answered && sender.sent() == (long) warmup + messages;
      }
      List<String> disconnects =
          Stream.concat(aliceListener.disconnects().stream(), bobListener.disconnects().stream())
              .toList();
      if (!alice.isConnected() || !bob.isConnected()) {
        System.err.println("loop: a client was no longer connected at the end of the run");
      }
      return LoopResults.of(
          complete, base, sender, bobListener, alice.outboxSize(), disconnects, meter);
    }
  }

  /** Sends the warm-up messages and waits until they are delivered and answered. */
  private boolean warmUp(WindowedSender sender, Receiver receiver, long deadline)
      throws InterruptedException {
    if (warmup == 0) {
      return true;
    }
    System.err.printf(Locale.ROOT, "loop: warming up with %,d messages%n", warmup);
    sender.run(0, warmup, deadline);
    return receiver.awaitDelivered(warmup, deadline) && sender.awaitAnswers(deadline);
  }

  private void validate() {
    int maxEnvelope = Limits.maxEnvelopeBytes(Limits.DEFAULT_MAX_FRAME_BYTES);
    if (size < Probe.BYTES || size > maxEnvelope) {
      throw new ParameterException(
          spec.commandLine(),
          "--size must be between " + Probe.BYTES + " and " + maxEnvelope + " bytes");
    }
    if (messages < 1 || window < 1 || timeoutSeconds < 1 || warmup < 0) {
      throw new ParameterException(
          spec.commandLine(), "--messages, --window and --timeout must be >= 1, --warmup >= 0");
    }
  }
}
