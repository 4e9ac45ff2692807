package dev.securechat.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private record Figures(String name, long count, double rate, List<Integer> values) {}

  @Test
  void recordsBecomeObjectsWithTheirComponentNames() {
    String json = Json.toJson(new Figures("store", 3, 1.5, List.of(1, 2)));
    assertThat(json)
        .isEqualTo(
            """
            {
              "name": "store",
              "count": 3,
              "rate": 1.5,
              "values": [
                1,
                2
              ]
            }""");
  }

  @Test
  void stringsAreEscaped() {
    assertThat(Json.toJson("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }

  @Test
  void figuresThatCouldNotBeComputedAreNull() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nan", Double.NaN);
    m.put("infinite", Double.POSITIVE_INFINITY);
    m.put("missing", null);
    assertThat(Json.toJson(m))
        .isEqualTo("{\n  \"nan\": null,\n  \"infinite\": null,\n  \"missing\": null\n}");
  }

  @Test
  void anUnknownTypeIsRefusedRatherThanWrittenAsToString() {
    assertThatThrownBy(() -> Json.toJson(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
