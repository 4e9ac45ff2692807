package dev.securechat.client.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Standard input is not a terminal: a script (or a file) types. Lines are read one by one, prompts
 * are printed on lines of their own, nothing is wrapped or coloured, so the output can be read by
 * another program.
 */
final class PlainConsole implements Console {
  private final BufferedReader in;
  private final PrintStream out;
  private final Style style = new Style(false);

  PlainConsole(BufferedReader in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Optional<String> readLine(String prompt) {
    if (!prompt.isBlank()) {
      show(prompt.strip());
    }
    try {
      return Optional.ofNullable(in.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException("reading standard input", e);
    }
  }

  @Override
  public Optional<char[]> readSecret(String prompt) {
    return readLine(prompt).map(String::toCharArray);
  }

  @Override
  public void show(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public int width() {
    // Another program reads this: one message, one line.
    return Integer.MAX_VALUE / 4;
  }

  @Override
  public Style style() {
    return style;
  }

  @Override
  public boolean interactive() {
    return false;
  }

  @Override
  public void close() {
    out.flush();
  }
}
