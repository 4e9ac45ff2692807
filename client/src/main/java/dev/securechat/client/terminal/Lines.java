package dev.securechat.client.terminal;

import dev.securechat.client.e2e.ReceivedText;
import dev.securechat.client.state.HistoryEntry;
import dev.securechat.protocol.Stream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How chat lines look: time, who to whom (so direct and broadcast differ at a glance), and the
 * message, wrapped to the terminal with continuation lines indented under the message.
 *
 * <pre>
 * 14:03 alice -> everyone: hello all
 * 14:04 alice -> you: a direct one
 * 09:12 (while away) bob -> you: sent while you were offline
 * </pre>
 */
final class Lines {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm");
  static final String AWAY = "(while away)";

  private final Style style;
  private final ZoneId zone;

  Lines(Style style, ZoneId zone) {
    this.style = style;
    this.zone = zone;
  }

  String received(ReceivedText t, boolean away, Instant now, int width) {
    boolean direct = t.stream() == Stream.DIRECT;
    return message(
        t.serverTime(), now, away, t.from(), direct ? "you" : "everyone", direct, t.body(), width);
  }

  String sent(String to, String body, Instant at, int width) {
    boolean direct = to != null;
    return message(at, at, false, "you", direct ? to : "everyone", direct, body, width);
  }

  String history(HistoryEntry e, Instant now, int width) {
    boolean direct = e.stream() == Stream.DIRECT;
    boolean sent = e.direction() == HistoryEntry.Direction.SENT;
    String from = sent ? "you" : e.peer();
    String to = direct ? (sent ? e.peer() : "you") : "everyone";
    return message(e.time(), now, false, from, to, direct, e.body(), width);
  }

  /** A line from the program itself: connection state, presence, answers to commands. */
  String notice(String text, int width) {
    return String.join("\n", Text.wrap(Text.printable(text), width, width));
  }

  String warning(String text, int width) {
    return style.warning(notice(text, width));
  }

  private String message(
      Instant time,
      Instant now,
      boolean away,
      String from,
      String to,
      boolean direct,
      String body,
      int width) {
    String when = when(time, now) + (away ? " " + AWAY : "");
    String who = from + " -> " + to + ":";
    String prefix = when + " " + who + " ";
    int prefixColumns = Text.columns(prefix);
    int indent = prefixColumns <= width / 2 ? prefixColumns : 2;
    List<String> lines =
        Text.wrap(
            Text.printable(body),
            Math.max(10, width - prefixColumns),
            Math.max(10, width - indent));
    String styledWho = direct ? style.direct(who) : style.name(who);
    StringBuilder out =
        new StringBuilder(style.dim(when)).append(' ').append(styledWho).append(' ');
    String pad = " ".repeat(indent);
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.append('\n').append(pad);
      }
      out.append(lines.get(i));
    }
    return out.toString();
  }

  private String when(Instant time, Instant now) {
    var at = time.atZone(zone);
    boolean today = at.toLocalDate().equals(LocalDate.ofInstant(now, zone));
    return (today ? TIME : DAY_TIME).format(at);
  }
}
