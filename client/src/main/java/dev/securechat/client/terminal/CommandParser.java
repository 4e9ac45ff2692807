package dev.securechat.client.terminal;

import dev.securechat.protocol.Usernames;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a chat line as the original client did: {@code @username text} is a direct message, {@code
 * exit} leaves, anything else is a broadcast; plus the slash commands. A line starting with {@code
 * //} is a broadcast that starts with {@code /}.
 */
final class CommandParser {
  /**
   * Longer messages are refused: they would not fit a frame once encrypted, and nobody reads them.
   */
  static final int MAX_MESSAGE_CHARS = 4000;

  static final String HELP =
      """
      Type a line and press Enter to send it to everyone.
        @name text      a direct message to one person (Tab completes names)
        /users          who is online, and everyone who has an account
        /verify @name   the safety number to compare with that person
        /trust @name    accept their changed key, or mark them verified
        /history        your recent messages; /history @name for one person
        /help           this text
        /quit or exit   leave (messages not yet sent are kept for next time)
      A line starting with // sends a line starting with /.""";

  private CommandParser() {}

  static Command parse(String raw) {
    String line = raw.strip();
    if (line.isEmpty()) {
      return new Command.Nothing();
    }
    if (line.equalsIgnoreCase("exit")) {
      return new Command.Quit();
    }
    if (line.startsWith("//")) {
      return message(line.substring(1), null);
    }
    if (line.startsWith("/")) {
      return slash(line);
    }
    if (line.startsWith("@")) {
      int space = indexOfSpace(line);
      String name = line.substring(1, space < 0 ? line.length() : space);
      String text = space < 0 ? "" : line.substring(space + 1).strip();
      Optional<String> peer = Usernames.normalize(name);
      if (peer.isEmpty()) {
        return notAName(name);
      }
      if (text.isEmpty()) {
        return new Command.Invalid("Write the message after the name: @" + peer.get() + " hello");
      }
      return message(text, peer.get());
    }
    return message(line, null);
  }

  private static Command slash(String line) {
    int space = indexOfSpace(line);
    String word = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : line.substring(space + 1).strip();
    return switch (word) {
      case "/users", "/who" -> noArguments(word, rest, new Command.Users());
      case "/help", "/?" -> noArguments(word, rest, new Command.Help());
      case "/quit", "/exit" -> noArguments(word, rest, new Command.Quit());
      case "/verify" -> withName(word, rest, Command.Verify::new);
      case "/trust" -> withName(word, rest, Command.Trust::new);
      case "/history" ->
          rest.isEmpty()
              ? new Command.History(Optional.empty())
              : withName(word, rest, name -> new Command.History(Optional.of(name)));
      default ->
          new Command.Invalid(
              "Unknown command "
                  + shorten(word)
                  + ". Type /help for the commands, or start with // to send a line beginning"
                  + " with /.");
    };
  }

  private static Command noArguments(String word, String rest, Command command) {
    return rest.isEmpty() ? command : new Command.Invalid(word + " takes nothing after it.");
  }

  private static Command withName(
      String word, String rest, java.util.function.Function<String, Command> command) {
    if (rest.isEmpty() || indexOfSpace(rest) >= 0) {
      return new Command.Invalid("Usage: " + word + " @name");
    }
    String name = rest.startsWith("@") ? rest.substring(1) : rest;
    return Usernames.normalize(name).map(command).orElseGet(() -> notAName(name));
  }

  private static Command message(String text, String to) {
    Optional<String> control = Text.firstControl(text);
    if (control.isPresent()) {
      return new Command.Invalid(
          "Not sent: the message contains a control character ("
              + control.get()
              + "). Remove it and try again.");
    }
    if (text.length() > MAX_MESSAGE_CHARS) {
      return new Command.Invalid(
          "Not sent: the message has "
              + text.length()
              + " characters; the limit is "
              + MAX_MESSAGE_CHARS
              + ".");
    }
    String clean = text.replace('\t', ' ');
    return to == null ? new Command.Broadcast(clean) : new Command.Direct(to, clean);
  }

  private static Command notAName(String name) {
    return new Command.Invalid(
        "\""
            + Text.printable(shorten(name))
            + "\" is not a username: usernames are 3 to 32 characters of a-z, 0-9, '_', '.' and"
            + " '-'.");
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Echoing a 4,000-character mistake back helps nobody. */
  static String shorten(String s) {
    return s.length() <= 40 ? Text.printable(s) : Text.printable(s.substring(0, 37)) + "...";
  }
}
