package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-only JSON reader that the known-answer tests rely on. */
class JsonTest {

  @Test
  void readsEveryKindOfValue() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2, 3.5, 1e3, 12345678901234567890], \"b\": {\"c\": true, \"d\": false,"
                + " \"e\": null}, \"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"z\": []}\n");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(List.<Object>copyOf(m.keySet())).isEqualTo(List.of("a", "b", "s", "z"));
    assertThat(m.get("a"))
        .isEqualTo(
            List.of(
                1L,
                -2L,
                new BigDecimal("3.5"),
                new BigDecimal("1e3"),
                new BigDecimal("12345678901234567890")));
    Map<?, ?> b = (Map<?, ?>) m.get("b");
    assertThat(b.get("c")).isEqualTo(true);
    assertThat(b.get("d")).isEqualTo(false);
    assertThat(b.containsKey("e")).isTrue();
    assertThat(b.get("e")).isNull();
    assertThat(m.get("s")).isEqualTo("x\"\\/\b\f\n\r\t\u00e9\ud83d\ude00");
    assertThat((List<?>) m.get("z")).isEmpty();
    assertThat(Json.parse("{}")).isEqualTo(Map.of());
    assertThat(Json.parse("\"\"")).isEqualTo("");
    assertThat(Json.parse("0")).isEqualTo(0L);
  }

  @Test
  void refusesMalformedInput() {
    for (String bad :
        Arrays.asList(
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":1,\"a\":2}",
            "01",
            "-",
            "1.",
            "1e",
            "tru",
            "nul",
            "\"abc",
            "\"a\u0001\"",
            "\"\\x\"",
            "\"\\u12g4\"",
            "\"\\u-123\"",
            "[1] 2",
            "{1:2}")) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as("<%s>", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
