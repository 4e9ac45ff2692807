package dev.securechat.bench.report;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small JSON writer for benchmark reports: records become objects (component names as keys), so a
 * scenario adds a figure by adding a record component. No JSON library is pulled in for this; the
 * value types are few and known.
 */
public final class Json {
  private static final String INDENT = "  ";

  private Json() {}

  public static void write(Path file, Object value) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(value) + "\n", StandardCharsets.UTF_8);
  }

  public static String toJson(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 0);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value, int depth) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(out, s);
      case Boolean b -> out.append(b);
      case Double d -> number(out, d);
      case Float f -> number(out, f);
      case Number n -> out.append(n);
      case Enum<?> e -> string(out, e.name());
      case Instant i -> string(out, i.toString());
      case Duration d -> number(out, d.toNanos() / 1e9);
      case Path p -> string(out, p.toString());
      case Map<?, ?> m -> object(out, m, depth);
      case Collection<?> c -> array(out, c, depth);
      case Record r -> record(out, r, depth);
      default ->
          throw new IllegalArgumentException(
              "no JSON form for " + value.getClass().getName() + "; add a case");
    }
  }

  /** JSON has no NaN or infinity; a figure that could not be computed is null. */
  private static void number(StringBuilder out, double d) {
    if (Double.isFinite(d)) {
      out.append(d);
    } else {
      out.append("null");
    }
  }

  private static void object(StringBuilder out, Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    String separator = "\n";
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(separator).append(INDENT.repeat(depth + 1));
      string(out, String.valueOf(entry.getKey()));
      out.append(": ");
      append(out, entry.getValue(), depth + 1);
      separator = ",\n";
    }
    out.append('\n').append(INDENT.repeat(depth)).append('}');
  }

  private static void array(StringBuilder out, Collection<?> items, int depth) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String separator = "\n";
    for (Object item : items) {
      out.append(separator).append(INDENT.repeat(depth + 1));
      append(out, item, depth + 1);
      separator = ",\n";
    }
    out.append('\n').append(INDENT.repeat(depth)).append(']');
  }

  private static void record(StringBuilder out, Record r, int depth) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (RecordComponent component : r.getClass().getRecordComponents()) {
      try {
        Method accessor = component.getAccessor();
        // A record nested privately in a scenario is still a report value.
        accessor.setAccessible(true);
        fields.put(component.getName(), accessor.invoke(r));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(
            "cannot read " + r.getClass().getSimpleName() + "." + component.getName(), e);
      }
    }
    object(out, fields, depth);
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
