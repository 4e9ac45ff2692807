package dev.securechat.bench.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench relay} against the real server in a child JVM, small and short. */
class RelayBenchTest {

  @Test
  void everyStoredMessageIsDeliveredOnceAndInOrder(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("relay.json");
    int exit =
        new CommandLine(new RelayBench())
            .execute(
                "--clients", "20",
                "--rate", "400",
                "--warmup", "0.5",
                "--duration", "2",
                "--progress", "0",
                "--dir", dir.toString(),
                "--json", json.toString());

    // 0 means: everything sent was stored and delivered exactly once, in order, nothing logged.
    assertThat(exit).isZero();
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("scenario").asText()).isEqualTo("relay");
    JsonNode r = report.path("results");
    assertThat(r.path("complete").asBoolean()).isTrue();
    assertThat(r.path("stored").asLong()).isPositive();
    assertThat(r.path("delivered").asLong()).isPositive();
    r.path("violations")
        .properties()
        .forEach(v -> assertThat(v.getValue().asLong()).as(v.getKey()).isZero());
    assertThat(r.path("problems").path("client").size()).isZero();
    for (String latency : new String[] {"sendToDeliver", "sendToStored"}) {
      for (String field : new String[] {"p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs"}) {
        assertThat(r.path(latency).has(field)).as(latency + "." + field).isTrue();
      }
    }
    JsonNode server = r.path("servers").get(0);
    assertThat(server.path("messagesStored").asLong()).isPositive();
    assertThat(server.path("cpuSeconds").asDouble()).isPositive();
    assertThat(r.path("timeline").size()).isPositive();
    assertThat(report.path("parameters").path("load").path("serverArgon2").asText())
        .contains("m=8192");
    // The scratch folder with the server's database and logs is gone again.
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("relay.json");
    }
  }
}
