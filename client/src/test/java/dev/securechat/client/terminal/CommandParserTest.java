package dev.securechat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {
  @Test
  void linesAreBroadcastsAndAtNameIsDirectAsInTheOriginal() {
    assertThat(CommandParser.parse("hello all")).isEqualTo(new Command.Broadcast("hello all"));
    assertThat(CommandParser.parse("  @Bob   hi there  "))
        .isEqualTo(new Command.Direct("bob", "hi there"));
    assertThat(CommandParser.parse("exit")).isEqualTo(new Command.Quit());
    assertThat(CommandParser.parse("EXIT")).isEqualTo(new Command.Quit());
    assertThat(CommandParser.parse("exit now")).isEqualTo(new Command.Broadcast("exit now"));
    assertThat(CommandParser.parse("a\ttab")).isEqualTo(new Command.Broadcast("a tab"));
  }

  @Test
  void slashCommands() {
    assertThat(CommandParser.parse("/users")).isEqualTo(new Command.Users());
    assertThat(CommandParser.parse("/verify @alice")).isEqualTo(new Command.Verify("alice"));
    assertThat(CommandParser.parse("/verify alice")).isEqualTo(new Command.Verify("alice"));
    assertThat(CommandParser.parse("/TRUST @Alice")).isEqualTo(new Command.Trust("alice"));
    assertThat(CommandParser.parse("/history")).isEqualTo(new Command.History(Optional.empty()));
    assertThat(CommandParser.parse("/history @bob"))
        .isEqualTo(new Command.History(Optional.of("bob")));
    assertThat(CommandParser.parse("/help")).isEqualTo(new Command.Help());
    assertThat(CommandParser.parse("/quit")).isEqualTo(new Command.Quit());
    assertThat(CommandParser.parse("//etc/hosts is a file"))
        .isEqualTo(new Command.Broadcast("/etc/hosts is a file"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void emptyLinesDoNothing(String line) {
    assertThat(CommandParser.parse(line)).isEqualTo(new Command.Nothing());
  }

  @Test
  void badInputIsExplained() {
    assertThat(reason("/frobnicate")).startsWith("Unknown command /frobnicate.");
    assertThat(reason("/" + "x".repeat(500))).contains("...").hasSizeLessThan(200);
    assertThat(reason("/verify")).isEqualTo("Usage: /verify @name");
    assertThat(reason("/trust @a @b")).isEqualTo("Usage: /trust @name");
    assertThat(reason("/users all")).isEqualTo("/users takes nothing after it.");
    assertThat(reason("@")).startsWith("\"\" is not a username");
    assertThat(reason("@no!pe hi")).startsWith("\"no!pe\" is not a username");
    assertThat(reason("@bob")).isEqualTo("Write the message after the name: @bob hello");
    assertThat(reason("@bob    ")).isEqualTo("Write the message after the name: @bob hello");
    assertThat(reason("x".repeat(CommandParser.MAX_MESSAGE_CHARS + 1)))
        .isEqualTo("Not sent: the message has 4001 characters; the limit is 4000.");
    assertThat(reason("bell\u0007")).contains("control character (^G)");
    assertThat(reason("@bob \u001b[2J")).contains("control character (^[)");
    assertThat(reason("c1 \u009b")).contains("control character (U+009B)");
    assertThat(CommandParser.parse("x".repeat(CommandParser.MAX_MESSAGE_CHARS)))
        .isInstanceOf(Command.Broadcast.class);
  }

  private static String reason(String line) {
    Command c = CommandParser.parse(line);
    assertThat(c).isInstanceOf(Command.Invalid.class);
    return ((Command.Invalid) c).reason();
  }
}
