package dev.securechat.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  private final Templates templates = new Templates();

  private static Map<String, String> values(String node) {
    return Map.of(
        "title", "Overview",
        "page", "overview",
        "csrf", "tok\"en",
        "node", node,
        "version", "1.0",
        "uplot", "1.6.30");
  }

  @Test
  void escapesEveryValue() {
    String html = templates.page("overview.html", values("<script>alert(1)</script>"));

    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)")
        .contains("content=\"tok&quot;en\"")
        .doesNotContain("{{");
  }

  @Test
  void wrapsThePageInTheLayout() {
    String html = templates.page("clients.html", values("node-1"));

    assertThat(html)
        .startsWith("<!doctype html>")
        .contains("<table id=\"clients\"")
        .contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")
        .contains("name=\"csrf\" value=\"tok&quot;en\"");
  }

  @Test
  void aMissingValueIsABug() {
    assertThatThrownBy(() -> templates.standalone("login.html", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("{{message}}");
  }

  @Test
  void escapeCoversTheFiveHtmlCharacters() {
    assertThat(Templates.escape("&<>\"'")).isEqualTo("&amp;&lt;&gt;&quot;&#39;");
  }
}
