package dev.securechat.bench.storm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench storm} with a few dozen clients: both storms, and resumption really happens. */
class StormBenchTest {

  @Test
  void resumedStormResumesEveryHandshakeAndTheFullOneNone(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("storm.json");
    int exit =
        new CommandLine(new StormBench())
            .execute(
                "--clients",
                "50",
                "--progress",
                "0",
                "--dir",
                dir.toString(),
                "--json",
                json.toString());

    assertThat(exit).isZero();
    JsonNode storms = new ObjectMapper().readTree(json.toFile()).path("results").path("storms");
    assertThat(storms.size()).isEqualTo(2);
    JsonNode resumed = storms.get(0);
    assertThat(resumed.path("handshakes").asText()).isEqualTo("resumed");
    assertThat(resumed.path("back").asInt()).isEqualTo(50);
    assertThat(resumed.path("resumedHandshakes").asLong()).isEqualTo(50);
    assertThat(resumed.path("fullHandshakes").asLong()).isZero();
    JsonNode full = storms.get(1);
    assertThat(full.path("handshakes").asText()).isEqualTo("full");
    assertThat(full.path("back").asInt()).isEqualTo(50);
    assertThat(full.path("fullHandshakes").asLong()).isEqualTo(50);
    // The server saw every login of both storms.
    assertThat(resumed.path("servers").get(0).path("loginsSucceeded").asLong()).isEqualTo(50);
    assertThat(full.path("servers").get(0).path("loginsSucceeded").asLong()).isEqualTo(50);
  }
}
