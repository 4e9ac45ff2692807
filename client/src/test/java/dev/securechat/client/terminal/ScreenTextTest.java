package dev.securechat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.client.e2e.ReceivedText;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Stream;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What the person sees: safe text, wrapped lines, plain-words errors, backoff delays. */
class ScreenTextTest {
  private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");
  private final Lines lines = new Lines(new Style(false), ZoneOffset.UTC);

  @Test
  void controlCharactersFromOthersCannotDriveTheTerminal() {
    assertThat(Text.printable("a\u001b[2Jb\u0007c\u007f")).isEqualTo("a^[[2Jb^Gc^?");
    assertThat(Text.printable("x\u202eevil\u009by")).isEqualTo("x\uFFFDevil\uFFFDy");
    assertThat(Text.printable("tab\there\nnext")).isEqualTo("tab here\nnext");
  }

  @Test
  void wrapsAtSpacesAndCutsOnlyWordsLongerThanALine() {
    assertThat(Text.wrap("aaa bbb ccc", 7, 7)).containsExactly("aaa bbb", "ccc");
    assertThat(Text.wrap("abcdefghij", 4, 4)).containsExactly("abcd", "efgh", "ij");
    assertThat(Text.wrap("one\ntwo", 80, 80)).containsExactly("one", "two");
    assertThat(Text.columns("日本")).isEqualTo(4);
  }

  @Test
  void eachLineShowsTimeSenderAndWhetherDirectOrBroadcast() {
    var direct = new ReceivedText(Stream.DIRECT, "alice", "hi", NOON, NOON, 1);
    var broadcast = new ReceivedText(Stream.BROADCAST, "bob", "all", NOON, NOON, 2);

    assertThat(lines.received(direct, false, NOON, 80)).isEqualTo("12:00 alice -> you: hi");
    assertThat(lines.received(broadcast, true, NOON, 80))
        .isEqualTo("12:00 (while away) bob -> everyone: all");
    assertThat(lines.received(direct, true, NOON.plus(Duration.ofDays(2)), 80))
        .startsWith("Mar 1 12:00 (while away) alice -> you:");
    assertThat(lines.sent("bob", "yo", NOON, 80)).isEqualTo("12:00 you -> bob: yo");
    assertThat(lines.sent(null, "yo", NOON, 80)).isEqualTo("12:00 you -> everyone: yo");
  }

  @Test
  void longMessagesWrapUnderTheirFirstWordWithinTheWidth() {
    var t = new ReceivedText(Stream.DIRECT, "alice", "word ".repeat(40).strip(), NOON, NOON, 1);

    String shown = lines.received(t, false, NOON, 40);

    assertThat(shown.lines()).allMatch(l -> l.length() <= 40).hasSizeGreaterThan(3);
    assertThat(shown.lines().skip(1)).allMatch(l -> l.startsWith(" ".repeat(20) + "word"));
  }

  @Test
  void coloursOnlyForATerminalWithoutNoColor() {
    assertThat(Style.forTerminal(true, "xterm-256color", null).colours()).isTrue();
    assertThat(Style.forTerminal(true, "xterm-256color", "1").colours()).isFalse();
    assertThat(Style.forTerminal(true, "dumb", null).colours()).isFalse();
    assertThat(Style.forTerminal(false, "xterm", null).colours()).isFalse();
    assertThat(new Style(false).warning("x")).isEqualTo("x");
    assertThat(new Style(true).warning("x")).contains("\u001b[").contains("x");
  }

  @Test
  void serverErrorsInPlainWords() {
    var errors = new ErrorText("example.org:8888");

    assertThat(errors.of(error(ErrorCode.USERNAME_TAKEN, Duration.ZERO)))
        .isEqualTo("That username is taken; choose another.");
    assertThat(errors.of(new CompletionException(error(ErrorCode.AUTH_FAILED, Duration.ZERO))))
        .isEqualTo("Wrong username or password.");
    assertThat(errors.of(error(ErrorCode.LOCKED_OUT, Duration.ofMillis(41_200))))
        .isEqualTo("Too many failed logins: locked out for 42 seconds. Try again then.");
    assertThat(errors.of(error(ErrorCode.LOCKED_OUT, Duration.ofSeconds(300))))
        .contains("locked out for 5 minutes.");
    assertThat(errors.of(new ConnectException("refused")))
        .startsWith("The server at example.org:8888 is unreachable.");
  }

  @Test
  void passwordRules() {
    assertThat(StartMenu.problem("short".toCharArray())).isPresent();
    assertThat(StartMenu.problem("long enough".toCharArray())).isEmpty();
    assertThat(StartMenu.problem(("x".repeat(2000)).toCharArray())).isPresent();
    assertThat(StartMenu.problem("with\u0001control".toCharArray())).isPresent();
    assertThat(StartMenu.isName("AliceBob".toCharArray(), "alicebob")).isTrue();
    assertThat(StartMenu.isName("alicebob1".toCharArray(), "alicebob")).isFalse();
  }

  @Test
  void fingerprintsFitEightyColumns() {
    String fp = "SHA256:" + String.join(":", java.util.Collections.nCopies(32, "ab"));
    assertThat(ServerTrust.fingerprintLines(fp).lines()).hasSize(3).allMatch(l -> l.length() < 80);
  }

  private static ServerErrorException error(ErrorCode code, Duration retryAfter) {
    return new ServerErrorException(code, code.description(), retryAfter);
  }
}
