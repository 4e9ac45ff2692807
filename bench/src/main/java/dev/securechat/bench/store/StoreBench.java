package dev.securechat.bench.store;

import dev.securechat.bench.report.BenchReport;
import dev.securechat.bench.report.Environment;
import dev.securechat.bench.support.RunOptions;
import dev.securechat.bench.support.ScratchDir;
import dev.securechat.bench.support.ServerConfigs;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.StorageSettings.SqliteSynchronous;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.CommitListener;
import dev.securechat.server.store.Database;
import dev.securechat.server.store.MessageWriter;
import dev.securechat.server.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench store}: the group-commit write rate of the message store alone, no network. A fresh
 * SQLite file with the server's default settings, the real {@link MessageWriter}, and producers
 * that submit direct messages as fast as the bounded in-flight window lets them.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = {
      "Group-commit write rate of the message store (SQLite, no network).",
      "Producers submit direct messages to the real MessageWriter; reports messages/s, commits/s,"
          + " mean batch and submit-to-Stored latency."
    })
public final class StoreBench implements Callable<Integer> {
  static final String SCENARIO = "store";

  @Spec CommandSpec spec;
  @Mixin RunOptions run;

  @Option(names = "--messages", description = "Messages to submit (default: ${DEFAULT-VALUE}).")
  int messages = 200_000;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description = "Stop submitting after this long even if not done (default: ${DEFAULT-VALUE}).")
  long durationSeconds = 120;

  @Option(names = "--recipients", description = "Recipient accounts (default: ${DEFAULT-VALUE}).")
  int recipients = 1000;

  @Option(
      names = "--producers",
      description = "Submitting threads, one sender account each (default: ${DEFAULT-VALUE}).")
  int producers = 2;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      description = "Envelope size (default: ${DEFAULT-VALUE}).")
  int size = 256;

  @Option(
      names = "--in-flight",
      description = "Most messages submitted and not yet answered (default: ${DEFAULT-VALUE}).")
  int inFlight = 10_000;

  @Option(
      names = "--synchronous",
      description = "SQLite synchronous: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SqliteSynchronous synchronous = SqliteSynchronous.FULL;

  /** The run's settings, as the JSON report records them. */
  record Parameters(
      int messages,
      long durationSeconds,
      int recipients,
      int producers,
      int size,
      int inFlight,
      SqliteSynchronous synchronous,
      Path scratchParent) {}

  @Override
  public Integer call() throws Exception {
    validate();
    Parameters parameters =
        new Parameters(
            messages,
            durationSeconds,
            recipients,
            producers,
            size,
            inFlight,
            synchronous,
            run.dir());
    Instant started = Instant.now();
    Environment environment = Environment.current();
    StoreResults results;
    try (ScratchDir scratch = ScratchDir.create(run.dir(), SCENARIO, run.keep())) {
      results = measure(scratch);
    }
    System.out.printf(
        Locale.ROOT,
        "%nstore: %,d messages of %d B, %d producers -> %,d recipients, synchronous=%s%n%n",
        messages,
        size,
        producers,
        recipients,
        synchronous);
    System.out.print(results.table().render());
    System.out.println();
    System.out.print(results.submitToStored().table("submit -> Stored").render());
    Path json = run.json(SCENARIO);
    new BenchReport(SCENARIO, started, environment, parameters, results).writeJson(json);
    System.out.println("\nJSON: " + json);
    return results.clean() ? 0 : 1;
  }

  private StoreResults measure(ScratchDir scratch) throws Exception {
    Clock clock = Clock.systemUTC();
    ServerConfig config =
        ServerConfigs.load(
            Map.of(
                "server.data_dir", scratch.path().toString(),
                "storage.synchronous", synchronous.name()));
    StoreSettings settings = ServerConfigs.storeSettings(config.storage());
    try (Database db = Database.open(settings)) {
      long setupStart = System.nanoTime();
      Population population = Population.create(new Accounts(db, clock), producers, recipients);
      System.err.printf(
          Locale.ROOT,
          "store: created %,d accounts in %.1f s; submitting %,d messages%n",
          producers + recipients,
          (System.nanoTime() - setupStart) / 1e9,
          messages);
      StoreLoad.Outcome outcome;
      long commits;
      long committedMessages;
      // No sessions are online, so the server's Router would have nothing to do: no listener.
      try (MessageWriter writer = new MessageWriter(db, settings, clock, CommitListener.NONE)) {
        StoreLoad.Plan plan =
            new StoreLoad.Plan(
                messages,
                size,
                inFlight,
                Duration.ofSeconds(durationSeconds),
                run.progressSeconds());
        outcome = new StoreLoad(writer, population, plan, clock).run();
        commits = writer.committedBatches();
        committedMessages = writer.committedMessages();
      }
      return StoreResults.of(outcome, commits, committedMessages);
    }
  }

  private void validate() {
    if (messages < 1
        || recipients < 1
        || producers < 1
        || size < 1
        || inFlight < 1
        || durationSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--messages, --recipients, --producers, --size, --in-flight and --duration must be >= 1");
    }
  }
}
