package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): every line must be a
 * HELP, a TYPE or a sample, every sample must belong to a family declared by a TYPE line before it,
 * and every value must be a number. Returns the samples keyed by name and labels as written.
 */
final class PrometheusText {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
  private static final String VALUE =
      "[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|NaN|[-+]Inf";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "("
              + NAME
              + ")(\\{(?:"
              + LABEL
              + "(?:,"
              + LABEL
              + ")*,?)?})? ("
              + VALUE
              + ")(?: -?[0-9]+)?");

  private PrometheusText() {}

  static Map<String, Double> parse(String body) {
    assertThat(body).endsWith("\n");
    List<String> families = new ArrayList<>();
    Map<String, Double> samples = new LinkedHashMap<>();
    String[] lines = body.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher type = TYPE.matcher(line);
      Matcher sample = SAMPLE.matcher(line);
      if (type.matches()) {
        families.add(type.group(1));
      } else if (HELP.matcher(line).matches()) {
        continue;
      } else if (sample.matches()) {
        String name = sample.group(1);
        assertThat(families)
            .as("line %d: %s has no TYPE before it", i + 1, name)
            .anyMatch(f -> name.equals(f) || name.startsWith(f + "_"));
        String key = name + (sample.group(2) == null ? "" : sample.group(2));
        assertThat(samples).as("line %d: duplicate series %s", i + 1, key).doesNotContainKey(key);
        samples.put(key, Double.parseDouble(sample.group(3).replace("Inf", "Infinity")));
      } else {
        throw new AssertionError("line " + (i + 1) + " is not Prometheus text: " + line);
      }
    }
    return samples;
  }

  /** The value of a series without labels, or of the only series of a family with labels. */
  static double value(Map<String, Double> samples, String name) {
    if (samples.containsKey(name)) {
      return samples.get(name);
    }
    List<Double> matching =
        samples.entrySet().stream()
            .filter(e -> e.getKey().startsWith(name + "{"))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(matching).as("series of %s", name).hasSize(1);
    return matching.getFirst();
  }
}
