package dev.securechat.client.terminal;

import java.util.Optional;

/** What a line typed in the chat means. */
sealed interface Command {
  /** A line for everyone. */
  record Broadcast(String text) implements Command {}

  /** {@code @name text}. */
  record Direct(String to, String text) implements Command {}

  /** {@code /users}. */
  record Users() implements Command {}

  /** {@code /verify @name}. */
  record Verify(String peer) implements Command {}

  /** {@code /trust @name}. */
  record Trust(String peer) implements Command {}

  /** {@code /history [@name]}. */
  record History(Optional<String> peer) implements Command {}

  /** {@code /help}. */
  record Help() implements Command {}

  /** {@code /quit} or {@code exit}. */
  record Quit() implements Command {}

  /** An empty line: nothing to do. */
  record Nothing() implements Command {}

  /** A line that cannot be acted on, and why, in plain words. */
  record Invalid(String reason) implements Command {}
}
