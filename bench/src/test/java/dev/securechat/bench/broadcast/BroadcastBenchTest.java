package dev.securechat.bench.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench broadcast} against the real server in a child JVM, small and short. */
class BroadcastBenchTest {

  @Test
  void everyBroadcastReachesEveryOtherClientOnceAndInOrder(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("broadcast.json");
    int exit =
        new CommandLine(new BroadcastBench())
            .execute(
                "--clients", "12",
                "--senders", "3",
                "--rate", "30",
                "--warmup", "0.5",
                "--duration", "1.5",
                "--progress", "0",
                "--dir", dir.toString(),
                "--json", json.toString());

    assertThat(exit).isZero();
    JsonNode r = new ObjectMapper().readTree(json.toFile()).path("results");
    assertThat(r.path("complete").asBoolean()).isTrue();
    assertThat(r.path("senders").asInt()).isEqualTo(3);
    assertThat(r.path("stored").asLong()).isPositive();
    r.path("violations")
        .properties()
        .forEach(v -> assertThat(v.getValue().asLong()).as(v.getKey()).isZero());
    // Each broadcast goes to the 11 others; the server counts the same deliveries.
    JsonNode server = r.path("servers").get(0);
    assertThat(server.path("messagesDelivered").asLong())
        .isGreaterThanOrEqualTo(server.path("messagesStored").asLong() * 10);
    assertThat(r.path("sendToDeliver").path("count").asLong()).isPositive();
  }
}
