package dev.securechat.bench.crypto;

import dev.securechat.bench.report.BenchReport;
import dev.securechat.bench.report.Environment;
import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.Table;
import dev.securechat.bench.support.RunOptions;
import dev.securechat.bench.support.ScratchDir;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench crypto}: the client's end-to-end cryptography on one thread (one core), no network:
 * session setups per second, Double Ratchet messages encrypted and decrypted per second with the
 * state in memory and with every state committed to SQLite, and sender-key broadcasts. Each
 * measurement runs warm-up iterations, then measured ones, and reports the mean rate with its 99.9
 * % confidence interval, as JMH would in one fork.
 */
@Command(
    name = "crypto",
    mixinStandardHelpOptions = true,
    description = {
      "Client end-to-end crypto per core: session setups/s, Double Ratchet messages/s (in memory"
          + " and with each state committed to SQLite), sender-key broadcasts/s.",
      "Single-threaded; warm-up iterations, then measured ones; mean ± 99.9 % confidence interval."
    })
public final class CryptoBench implements Callable<Integer> {
  static final String SCENARIO = "crypto";

  /** Every measurement, in the order they run; {@code --only} picks some. */
  static final List<String> MEASUREMENTS =
      List.of(
          "setup",
          "ratchet",
          "first-flight",
          "durable-full",
          "durable-normal",
          "sender-keys",
          "prekeys-copy");

  @Spec CommandSpec spec;
  @Mixin RunOptions run;

  @Option(
      names = "--messages",
      description =
          "Double Ratchet messages per iteration with the state in memory (default: ${DEFAULT-VALUE}).")
  int messages = 20_000;

  @Option(
      names = "--durable-messages",
      description =
          "Double Ratchet messages per iteration with each state committed to SQLite"
              + " (default: ${DEFAULT-VALUE}).")
  int durableMessages = 2_000;

  @Option(
      names = "--setups",
      description = "Session setups per iteration (default: ${DEFAULT-VALUE}).")
  int setups = 100;

  @Option(
      names = "--broadcasts",
      description = "Sender-key broadcasts per iteration (default: ${DEFAULT-VALUE}).")
  int broadcasts = 2_000;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      description = "Payload of every message (default: ${DEFAULT-VALUE}).")
  int size = 256;

  @Option(
      names = "--iterations",
      description = "Measured iterations per measurement (default: ${DEFAULT-VALUE}).")
  int iterations = 10;

  @Option(
      names = "--warmup",
      description =
          "Warm-up iterations per measurement, same work, not counted (default: ${DEFAULT-VALUE}).")
  int warmup = 5;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "NAME",
      description = "Run only these measurements: ${COMPLETION-CANDIDATES} (default: all).",
      completionCandidates = Names.class)
  List<String> only = new ArrayList<>();

  record Parameters(
      int messages,
      int durableMessages,
      int setups,
      int broadcasts,
      int payloadBytes,
      int warmupIterations,
      int iterations,
      List<String> measurements,
      String threads) {}

  record Results(List<Runner.Result> measurements) {}

  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return MEASUREMENTS.iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    if (messages < 1 || durableMessages < 1 || setups < 1 || broadcasts < 1 || iterations < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--messages, --durable-messages, --setups, --broadcasts and --iterations must be >= 1");
    }
    if (warmup < 0 || size < 0) {
      throw new ParameterException(spec.commandLine(), "--warmup and --size must be >= 0");
    }
    Set<String> chosen = new LinkedHashSet<>(only.isEmpty() ? MEASUREMENTS : only);
    for (String name : chosen) {
      if (!MEASUREMENTS.contains(name)) {
        throw new ParameterException(
            spec.commandLine(), "unknown measurement '" + name + "'; known: " + MEASUREMENTS);
      }
    }
    List<String> ordered = MEASUREMENTS.stream().filter(chosen::contains).toList();

    Instant started = Instant.now();
    Environment environment = Environment.current();
    List<Runner.Result> results;
    try (ScratchDir scratch = ScratchDir.create(run.dir(), SCENARIO, run.keep())) {
      results = measure(ordered, scratch.path());
    }
    System.out.println();
    System.out.print(render(results));
    Path json = run.json(SCENARIO);
    new BenchReport(
            SCENARIO,
            started,
            environment,
            new Parameters(
                messages,
                durableMessages,
                setups,
                broadcasts,
                size,
                warmup,
                iterations,
                ordered,
                "1 (the caller's thread)"),
            new Results(results))
        .writeJson(json);
    System.out.println("\nJSON: " + json);
    return 0;
  }

  /** Runs the named measurements in order, on this thread, with fresh users alice and bob. */
  List<Runner.Result> measure(List<String> names, Path dir) throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] payload = new byte[size];
    random.nextBytes(payload);
    Instant now = Instant.now();
    System.err.println(
        "crypto: registering alice and bob (RSA-2048 and ML-KEM-768 key generation)");
    Party alice = Party.register("alice", random, now);
    Party bob = Party.register("bob", random, now);
    Runner runner = new Runner(warmup, iterations, System.err);
    List<Runner.Result> results = new ArrayList<>();
    for (String name : names) {
      try (Workload w = workload(name, alice, bob, payload, random, dir)) {
        System.err.println("crypto: " + w.title());
        results.add(runner.run(w));
      }
    }
    return results;
  }

  private Workload workload(
      String name, Party alice, Party bob, byte[] payload, SecureRandom random, Path dir)
      throws Exception {
    return switch (name) {
      case "setup" -> new SetupWorkload(alice, bob, setups, payload, random);
      case "ratchet" -> RatchetWorkload.established(alice, bob, messages, payload, random);
      case "first-flight" -> RatchetWorkload.firstFlight(alice, bob, messages, payload, random);
      case "durable-full" ->
          new DurableRatchetWorkload(
              alice, bob, durableMessages, payload, random, SessionStore.Synchronous.FULL, dir);
      case "durable-normal" ->
          new DurableRatchetWorkload(
              alice, bob, durableMessages, payload, random, SessionStore.Synchronous.NORMAL, dir);
      case "sender-keys" -> new SenderKeyWorkload(alice, broadcasts, payload, random);
      // Alice's prekeys as registered (one set, 100 one-time prekeys): the smallest a client has.
      case "prekeys-copy" -> new PreKeysCopyWorkload(alice, Math.max(1, setups * 10));
      default -> throw new IllegalArgumentException("no measurement " + name);
    };
  }

  static String render(List<Runner.Result> results) {
    Table rates =
        Table.of(
            "measurement", "rate", "unit", "± 99.9 %", "sd", "min", "max", "µs/op", "ops/iter");
    for (Runner.Result r : results) {
      for (Runner.Rate rate : r.rates()) {
        rates.row(
            r.key() + ": " + rate.label(),
            Format.rate(rate.perSecond().mean()),
            rate.unit(),
            percent(rate.perSecond().relativeError()),
            Format.rate(rate.perSecond().sd()),
            Format.rate(rate.perSecond().min()),
            Format.rate(rate.perSecond().max()),
            micros(rate.microsPerOp()),
            Format.count(r.opsPerIteration()));
      }
    }
    Table parts = Table.of("measurement: timed part", "µs/op", "share");
    for (Runner.Result r : results) {
      if (r.parts().size() < 2) {
        continue;
      }
      for (Runner.PartCost p : r.parts()) {
        parts.row(r.key() + ": " + p.part(), micros(p.microsPerOp()), percent(p.share()));
      }
    }
    Table allocation = Table.of("measurement", "allocated per op (all parts)");
    for (Runner.Result r : results) {
      allocation.row(r.key(), bytes(r.allocatedBytesPerOp()));
    }
    StringBuilder out = new StringBuilder(rates.render());
    out.append('\n').append(parts.render());
    out.append('\n').append(allocation.render());
    for (Runner.Result r : results) {
      if (!r.facts().isEmpty()) {
        out.append('\n').append(r.key()).append(": ").append(r.facts());
      }
    }
    return out.append('\n').toString();
  }

  private static String micros(double us) {
    if (!Double.isFinite(us)) {
      return "-";
    }
    return us >= 100
        ? String.format(Locale.ROOT, "%,.0f", us)
        : String.format(Locale.ROOT, "%.1f", us);
  }

  private static String bytes(double b) {
    if (!Double.isFinite(b)) {
      return "-";
    }
    return b >= 10_000
        ? String.format(Locale.ROOT, "%,.1f KB", b / 1000)
        : String.format(Locale.ROOT, "%,.0f B", b);
  }

  private static String percent(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", 100 * share) : "-";
  }
}
