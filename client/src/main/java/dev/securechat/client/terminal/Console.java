package dev.securechat.client.terminal;

import java.util.Optional;

/**
 * The program's only way to talk to the person: the output layer. A terminal gets JLine (line
 * editing, history, completion, masked passwords, messages printed above the input line); a pipe or
 * file gets plain lines, so that the client can be scripted.
 */
public interface Console extends AutoCloseable {
  /** A line typed at {@code prompt}; empty at the end of input (Ctrl-D, or the script ended). */
  Optional<String> readLine(String prompt);

  /** A password, not echoed; empty at the end of input. The caller wipes the array. */
  Optional<char[]> readSecret(String prompt);

  /**
   * Shows a line (which may already carry colour codes from {@link #style()}); while the person is
   * typing, it goes above the input line without disturbing what they typed. Safe from any thread.
   */
  void show(String line);

  /**
   * Shows {@code line} in place of the line just typed (a sent message, formatted with its time),
   * if nothing was printed since; otherwise below it.
   */
  default void replaceInput(String line) {
    show(line);
  }

  /** Columns available, for wrapping; read at each call so that resizing is followed. */
  int width();

  Style style();

  /** Whether a person is at a terminal (and not a script at a pipe). */
  boolean interactive();

  /** The chat begins: menu choices and names typed so far are no use to recall with Up. */
  default void startChat() {}

  /** Names that tab completion offers after {@code @}. */
  default void completeUsers(java.util.function.Supplier<java.util.Collection<String>> names) {}

  @Override
  void close();
}
