package dev.securechat.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a scenario writes to its JSON file: which scenario, when, where, with what parameters, and
 * what came out. {@code parameters} and {@code results} are the scenario's own records.
 */
public record BenchReport(
    String scenario, Instant started, Environment environment, Record parameters, Record results) {

  public void writeJson(Path file) throws IOException {
    Json.write(file, this);
  }
}
