package dev.securechat.bench.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every measurement of {@code bench crypto}, at tiny sizes, so the code runs in the build. */
class CryptoBenchTest {

  @Test
  void everyMeasurementRunsAndIsReported(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("crypto.json");
    int exit =
        new CommandLine(new CryptoBench())
            .execute(
                "--messages", "20",
                "--durable-messages", "5",
                "--setups", "2",
                "--broadcasts", "20",
                "--iterations", "2",
                "--warmup", "1",
                "--dir", dir.toString(),
                "--json", json.toString());

    assertThat(exit).isZero();
    String report = Files.readString(json, StandardCharsets.UTF_8);
    for (String key : CryptoBench.MEASUREMENTS) {
      assertThat(report).contains("\"key\": \"" + key + "\"");
    }
    assertThat(report).contains("\"scenario\": \"crypto\"").doesNotContain("NaN");
    // The scratch folder with the SQLite files is gone again.
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("crypto.json");
    }
  }

  @Test
  void eachRateCountsItsOwnParts() throws Exception {
    CryptoBench bench = new CryptoBench();
    bench.messages = 30;
    bench.warmup = 0;
    bench.iterations = 3;

    List<Runner.Result> results = bench.measure(List.of("ratchet"), Path.of("unused"));

    Runner.Result ratchet = results.getFirst();
    assertThat(ratchet.opsPerIteration()).isEqualTo(30);
    assertThat(ratchet.rates()).hasSize(3);
    Runner.Rate both = ratchet.rates().get(0);
    Runner.Rate encrypt = ratchet.rates().get(1);
    Runner.Rate decrypt = ratchet.rates().get(2);
    assertThat(both.perSecond().iterations()).isEqualTo(3);
    // One core doing both is slower than either side alone: 1/both = 1/encrypt + 1/decrypt.
    assertThat(both.microsPerOp())
        .isCloseTo(
            encrypt.microsPerOp() + decrypt.microsPerOp(),
            org.assertj.core.data.Offset.offset(1e-6));
    assertThat(ratchet.parts()).extracting(Runner.PartCost::share).allMatch(s -> s > 0 && s < 1);
    assertThat(ratchet.facts()).containsEntry("payloadBytes", 256);
    // A message is at least its own bytes, allocated twice (sent, then read).
    assertThat(ratchet.allocatedBytesPerOp()).isGreaterThan(2 * 256);
  }
}
