package dev.securechat.server.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML pages: plain files under {@code /dashboard/pages} with {@code {{name}}} placeholders.
 * Every value is HTML-escaped; the one unescaped insertion is a page's own body into the layout,
 * and that comes from the jar, never from a request. A placeholder without a value is a bug and
 * fails loudly rather than rendering a half page.
 */
final class Templates {
  private static final String ROOT = "/dashboard/pages/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /** A page body wrapped in the layout (navigation, scripts, CSRF meta tag). */
  String page(String body, Map<String, String> values) {
    String content = render(load(body), values);
    return PLACEHOLDER
        .matcher(load("layout.html"))
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    m.group(1).equals("content") ? content : value(values, m.group(1))));
  }

  /** A page that stands alone, such as the login page. */
  String standalone(String name, Map<String, String> values) {
    return render(load(name), values);
  }

  private static String render(String template, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(template)
        .replaceAll(m -> Matcher.quoteReplacement(value(values, m.group(1))));
  }

  private static String value(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("no value for {{" + name + "}}");
    }
    return escape(value);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private String load(String name) {
    return cache.computeIfAbsent(
        name,
        n -> {
          try (InputStream in = Templates.class.getResourceAsStream(ROOT + n)) {
            if (in == null) {
              throw new IllegalStateException("missing page template " + ROOT + n);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
