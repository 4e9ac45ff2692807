package dev.securechat.bench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final String TEXT =
      """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="ZGC Old Generation"} 1.0E8
      jvm_memory_used_bytes{area="heap",id="ZGC Young Generation"} 2.5E7
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 4.0E7
      jvm_gc_pause_seconds_max{action="end of GC pause",cause="Metadata GC Threshold",gc="ZGC Major Pauses"} 0.002
      jvm_gc_pause_seconds_max{action="end of GC pause",cause="System.gc()",gc="ZGC Major Pauses"} 0.005
      securechat_messages_stored_total 42.0
      securechat_sessions 7 1700000000000
      """;

  @Test
  void sumsSeriesOfAFamilyFilteredByLabels() {
    Metrics m = Metrics.parse(0, TEXT);
    assertThat(m.sum("jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(1.25e8);
    assertThat(m.sum("jvm_memory_used_bytes")).isEqualTo(1.65e8);
    assertThat(m.sum("securechat_messages_stored_total")).isEqualTo(42);
    // A family name is matched whole, not as a prefix of a longer one.
    assertThat(m.sum("jvm_memory_used")).isZero();
  }

  @Test
  void readsLabelValuesWithSpacesAndTrailingTimestamps() {
    Metrics m = Metrics.parse(0, TEXT);
    assertThat(m.max("jvm_gc_pause_seconds_max")).isEqualTo(0.005);
    assertThat(m.sum("securechat_sessions")).isEqualTo(7);
  }

  @Test
  void serverFiguresAreTheDifferenceOverThePhase() {
    Metrics before = Metrics.parse(0, "securechat_messages_stored_total 100\n");
    Metrics after =
        Metrics.parse(
            2_000_000_000L,
            "securechat_messages_stored_total 300\nprocess_cpu_time_ns_total 1e9\n");
    ServerFigures f = ServerFigures.between("m", before, after);
    assertThat(f.messagesStored()).isEqualTo(200);
    assertThat(f.storedPerSecond()).isEqualTo(100);
    assertThat(f.cpuCores()).isEqualTo(0.5);
  }
}
