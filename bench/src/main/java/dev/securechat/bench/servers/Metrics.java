package dev.securechat.bench.servers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scrape of a server's {@code /metrics} (Prometheus text format), read simply: every sample
 * line is {@code name{labels} value}, comments are skipped. Only what the reports need is looked
 * up, by family name and, where a family has several series, by a label written as in the text.
 */
public record Metrics(long nanos, Map<String, Double> series) {
  public Metrics {
    series = Map.copyOf(series);
  }

  public static Metrics parse(long nanos, String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      String key = line.substring(0, space).strip();
      String value = line.substring(space + 1).strip();
      // A trailing timestamp would make the last field an integer after another value.
      int inner = key.lastIndexOf(' ');
      if (inner > key.lastIndexOf('}')) {
        value = key.substring(inner + 1);
        key = key.substring(0, inner);
      }
      try {
        series.put(key, Double.parseDouble(value.replace("Inf", "Infinity")));
      } catch (NumberFormatException e) {
        // Not a sample after all: the simple reader skips it rather than fail the run.
        continue;
      }
    }
    return new Metrics(nanos, series);
  }

  /** The sum of every series of {@code family} whose labels contain each of {@code labels}. */
  public double sum(String family, String... labels) {
    double total = 0;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      if (matches(e.getKey(), family, labels)) {
        total += e.getValue();
      }
    }
    return total;
  }

  /** The largest value among the series of {@code family}, 0 when there is none. */
  public double max(String family) {
    double max = 0;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      if (matches(e.getKey(), family)) {
        max = Math.max(max, e.getValue());
      }
    }
    return max;
  }

  private static boolean matches(String key, String family, String... labels) {
    int brace = key.indexOf('{');
    String name = brace < 0 ? key : key.substring(0, brace);
    if (!name.equals(family)) {
      return false;
    }
    for (String label : labels) {
      if (!key.contains(label)) {
        return false;
      }
    }
    return true;
  }
}
