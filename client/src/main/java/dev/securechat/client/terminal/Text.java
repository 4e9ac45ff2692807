package dev.securechat.client.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.utils.WCWidth;

/** Making untrusted text safe to print, and fitting it to the terminal's width. */
final class Text {
  private Text() {}

  /**
   * What another person wrote, made harmless for a terminal: control characters (which could move
   * the cursor, rewrite the screen or change its title) are shown in caret notation ({@code ^[}),
   * and invisible bidirectional overrides (which can make text read differently from what it is) as
   * U+FFFD. Line breaks are kept: {@link #wrap} starts a new line at each.
   */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                out.append('\n');
              } else if (c == '\t') {
                out.append(' ');
              } else if (c < 0x20 || c == 0x7f) {
                out.append('^').append((char) (c ^ 0x40));
              } else if (c >= 0x80 && c < 0xa0) {
                out.append("\uFFFD");
              } else if (isBidiControl(c) || Character.getType(c) == Character.SURROGATE) {
                out.append("\uFFFD");
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** The first control character in a line the person typed, if any, in caret notation. */
  static Optional<String> firstControl(String s) {
    return s.codePoints()
        .filter(c -> c != '\t' && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)))
        .boxed()
        .findFirst()
        .map(c -> c < 0x80 ? "^" + (char) (c ^ 0x40) : String.format("U+%04X", c));
  }

  private static boolean isBidiControl(int c) {
    return (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }

  /** Columns a string takes on screen (wide characters count two). */
  static int columns(String s) {
    return s.codePoints().map(c -> Math.max(0, WCWidth.wcwidth(c))).sum();
  }

  /**
   * Breaks {@code text} (already printable) into lines: the first gets {@code firstWidth} columns,
   * the others {@code restWidth}. Breaks at spaces where it can, inside a word only when the word
   * alone is too long.
   */
  static List<String> wrap(String text, int firstWidth, int restWidth) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      wrapParagraph(paragraph, lines, lines.isEmpty() ? firstWidth : restWidth, restWidth);
    }
    return lines;
  }

  private static void wrapParagraph(String text, List<String> lines, int first, int rest) {
    int width = Math.max(1, first);
    StringBuilder line = new StringBuilder();
    int used = 0;
    for (String word : text.split(" ", -1)) {
      int w = columns(word);
      int needed = used == 0 ? w : used + 1 + w;
      if (needed <= width) {
        if (used > 0) {
          line.append(' ');
        }
        line.append(word);
        used = needed;
        continue;
      }
      if (used > 0) {
        lines.add(line.toString());
        line.setLength(0);
        used = 0;
        width = Math.max(1, rest);
      }
      // A word longer than a whole line is cut where the line ends.
      int[] cps = word.codePoints().toArray();
      for (int cp : cps) {
        int cw = Math.max(0, WCWidth.wcwidth(cp));
        if (used + cw > width && used > 0) {
          lines.add(line.toString());
          line.setLength(0);
          used = 0;
          width = Math.max(1, rest);
        }
        line.appendCodePoint(cp);
        used += cw;
      }
    }
    lines.add(line.toString());
  }
}
