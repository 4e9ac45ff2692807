package dev.securechat.bench.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench connections} with a few dozen logged-in connections to a child server. */
class ConnectionsBenchTest {

  @Test
  void holdsEveryConnectionAndWeighsBothProcesses(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("connections.json");
    int exit =
        new CommandLine(new ConnectionsBench())
            .execute(
                "--clients", "50",
                "--hold", "0.5",
                "--progress", "0",
                "--dir", dir.toString(),
                "--json", json.toString());

    assertThat(exit).isZero();
    JsonNode r = new ObjectMapper().readTree(json.toFile()).path("results");
    assertThat(r.path("connected").asInt()).isEqualTo(50);
    assertThat(r.path("openAfterHold").asInt()).isEqualTo(50);
    assertThat(r.path("holding").get(0).path("sessions").asLong()).isEqualTo(50);
    for (String who : new String[] {"server", "generator"}) {
      JsonNode m = r.path(who);
      assertThat(m.path("before").path("heapBytes").asLong()).as(who).isPositive();
      assertThat(m.path("after").path("residentBytes").asLong()).as(who).isPositive();
      assertThat(m.has("heapBytesEach") && m.has("residentBytesEach")).as(who).isTrue();
    }
  }
}
