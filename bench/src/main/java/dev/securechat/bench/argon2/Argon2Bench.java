package dev.securechat.bench.argon2;

import dev.securechat.bench.report.BenchReport;
import dev.securechat.bench.report.Environment;
import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.Table;
import dev.securechat.bench.support.RunOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench argon2}: what one login-secret hash costs the server at the configured Argon2id
 * settings, to weigh [Security] argon2_* against login rates and memory.
 */
@Command(
    name = "argon2",
    mixinStandardHelpOptions = true,
    description = {
      "Server-side Argon2id cost per hash (registration and every password login).",
      "Reports ms per hash and hashes/s per core for each setting."
    })
public final class Argon2Bench implements Callable<Integer> {
  static final String SCENARIO = "argon2";

  @Spec CommandSpec spec;
  @Mixin RunOptions run;

  @Option(
      names = "--runs",
      description = "Timed hashes per thread and setting (default: ${DEFAULT-VALUE}).")
  int runs = 20;

  @Option(
      names = "--warmup",
      description =
          "Untimed hashes first, so the JIT has compiled Argon2 (default: ${DEFAULT-VALUE}).")
  int warmup = 3;

  @Option(
      names = "--threads",
      description =
          "Threads hashing at once, as concurrent logins would (default: ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(
      names = "--params",
      split = ",",
      paramLabel = "M:T:P",
      converter = Argon2Params.Converter.class,
      // The server's default ([Security] in config/server.ini), then a heavier one to compare.
      defaultValue = "19456:2:1,65536:3:1",
      description =
          "Settings to time, memory KiB:iterations:parallelism (default: ${DEFAULT-VALUE}).")
  List<Argon2Params> params;

  record Parameters(int runs, int warmup, int threads, List<Argon2Params> params) {}

  record Results(List<Argon2Row> rows) {}

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || warmup < 0 || threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--runs and --threads must be >= 1, --warmup >= 0");
    }
    Instant started = Instant.now();
    Environment environment = Environment.current();
    Argon2Timer timer = new Argon2Timer();
    List<Argon2Row> rows = new ArrayList<>();
    for (Argon2Params p : params) {
      System.err.println("argon2: timing " + p + " with " + threads + " thread(s)");
      for (int i = 0; i < warmup; i++) {
        timer.timeOne(p);
      }
      rows.add(Argon2Row.of(p, threads, environment.processors(), timer.time(p, runs, threads)));
    }
    System.out.println();
    System.out.print(table(rows).render());
    Path json = run.json(SCENARIO);
    new BenchReport(
            SCENARIO,
            started,
            environment,
            new Parameters(runs, warmup, threads, params),
            new Results(rows))
        .writeJson(json);
    System.out.println("\nJSON: " + json);
    return 0;
  }

  private static Table table(List<Argon2Row> rows) {
    Table t =
        Table.of(
            "Argon2id",
            "threads",
            "hashes",
            "mean ms",
            "median ms",
            "min ms",
            "max ms",
            "hashes/s per core",
            "hashes/s total");
    for (Argon2Row r : rows) {
      t.row(
          "m=%d KiB t=%d p=%d".formatted(r.memoryKib(), r.iterations(), r.parallelism()),
          r.threads(),
          r.hashes(),
          Format.millis(r.meanMs()),
          Format.millis(r.medianMs()),
          Format.millis(r.minMs()),
          Format.millis(r.maxMs()),
          Format.decimal(r.hashesPerSecondPerCore()),
          Format.decimal(r.hashesPerSecondTotal()));
    }
    return t;
  }
}
