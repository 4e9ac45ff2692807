package dev.securechat.client.terminal;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Colours for the chat screen, or none: off when the output is not a terminal, when {@code
 * NO_COLOR} is set (no-color.org) or when the terminal is "dumb". Every method returns its text
 * unchanged when colours are off, so plain output has no escape codes at all.
 */
public final class Style {
  private final boolean colours;

  public Style(boolean colours) {
    this.colours = colours;
  }

  /** Colours only for a terminal that can show them and a person who did not opt out. */
  public static Style forTerminal(boolean terminal, String term, String noColor) {
    boolean dumb = term == null || term.isEmpty() || term.equals("dumb");
    boolean optedOut = noColor != null && !noColor.isEmpty();
    return new Style(terminal && !dumb && !optedOut);
  }

  public boolean colours() {
    return colours;
  }

  /** Times, markers and other quiet detail. */
  public String dim(String s) {
    return paint(
        s, AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK));
  }

  /** Names of people. */
  public String name(String s) {
    return paint(s, AttributedStyle.BOLD.foreground(AttributedStyle.CYAN));
  }

  /** Direct messages stand out from broadcasts. */
  public String direct(String s) {
    return paint(s, AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA));
  }

  /** Something went wrong, or needs attention (a changed key). */
  public String warning(String s) {
    return paint(s, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
  }

  /** Good news: connected, verified. */
  public String ok(String s) {
    return paint(s, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
  }

  public String bold(String s) {
    return paint(s, AttributedStyle.BOLD);
  }

  private String paint(String s, AttributedStyle style) {
    return colours ? new AttributedString(s, style).toAnsi() : s;
  }
}
