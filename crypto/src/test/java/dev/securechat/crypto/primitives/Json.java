package dev.securechat.crypto.primitives;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for reading test-vector files in tests only: the crypto
 * module has no JSON library and must not gain one. Objects become {@code Map<String, Object>}
 * (insertion-ordered), arrays {@code List<Object>}, strings {@code String}, numbers {@code Long}
 * when integral and in range else {@code BigDecimal}, {@code true}/{@code false} {@code Boolean},
 * and {@code null} Java {@code null}. Malformed input throws {@link IllegalArgumentException}.
 */
final class Json {
  private static final String HEX = "0123456789abcdef";
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    Json p = new Json(text);
    p.skipSpace();
    Object value = p.value();
    p.skipSpace();
    if (p.i != p.s.length()) {
      throw p.error("trailing characters");
    }
    return value;
  }

  private Object value() {
    if (i >= s.length()) {
      throw error("unexpected end of input");
    }
    char c = s.charAt(i);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character");
      }
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    i++; // '{'
    skipSpace();
    if (peek() == '}') {
      i++;
      return map;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      if (map.containsKey(key)) {
        throw error("duplicate member \"" + key + "\"");
      }
      map.put(key, value());
      skipSpace();
      if (peek() == ',') {
        i++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    i++; // '['
    skipSpace();
    if (peek() == ']') {
      i++;
      return list;
    }
    while (true) {
      skipSpace();
      list.add(value());
      skipSpace();
      if (peek() == ',') {
        i++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    i++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return out.toString();
      } else if (c < 0x20) {
        throw error("control character in string");
      } else if (c != '\\') {
        out.append(c);
      } else {
        if (i >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            int code = 0;
            for (int k = 0; k < 4; k++) {
              int digit = i < s.length() ? HEX.indexOf(Character.toLowerCase(s.charAt(i++))) : -1;
              if (digit < 0) {
                throw error("bad \\u escape");
              }
              code = code * 16 + digit;
            }
            // A surrogate pair arrives as two escapes and is appended one char at a time.
            out.append((char) code);
          }
          default -> throw error("bad escape");
        }
      }
    }
  }

  private Object number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (peek() >= '1' && peek() <= '9') {
      digits();
    } else {
      throw error("bad number");
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      i++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      digits();
    }
    BigDecimal n = new BigDecimal(s.substring(start, i));
    if (integral) {
      try {
        return n.longValueExact();
      } catch (ArithmeticException tooBig) {
        return n;
      }
    }
    return n;
  }

  private void digits() {
    int start = i;
    while (peek() >= '0' && peek() <= '9') {
      i++;
    }
    if (i == start) {
      throw error("expected a digit");
    }
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, i)) {
      throw error("unexpected literal");
    }
    i += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  /** The next character, or NUL at the end (NUL cannot appear outside a string in valid JSON). */
  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void skipSpace() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + i);
  }
}
