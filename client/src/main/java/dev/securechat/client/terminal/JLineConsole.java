package dev.securechat.client.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * A person at a terminal: JLine line editing with an in-memory history (never a history file: chat
 * lines are secrets), Tab completion of commands and {@code @names}, passwords read with nothing
 * echoed, and messages printed above the line being typed.
 */
final class JLineConsole implements Console {
  private static final List<String> COMMANDS =
      List.of("/users", "/verify", "/trust", "/history", "/help", "/quit");
  private static final List<String> TAKES_NAME = List.of("/verify", "/trust", "/history");

  private final Terminal terminal;
  private final LineReader reader;
  private final Style style;
  private volatile Supplier<Collection<String>> users = List::of;
  private final Object screen = new Object();

  /** Rows the last line read took on screen, while nothing has been printed since. */
  private int lastInputRows;

  JLineConsole(Terminal terminal, Style style) {
    this.terminal = terminal;
    this.style = style;
    // Chat lines are prose: quotes and backslashes are text, not shell syntax.
    DefaultParser parser = new DefaultParser();
    parser.setQuoteChars(new char[0]);
    parser.setEscapeChars(new char[0]);
    this.reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .parser(parser)
            .completer(this::complete)
            .variable(LineReader.HISTORY_SIZE, 1000)
            // "!" in a message must stay "!", not recall an earlier line.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.AUTO_FRESH_LINE, true)
            .build();
  }

  @Override
  public Optional<String> readLine(String prompt) {
    try {
      String line = reader.readLine(prompt);
      synchronized (screen) {
        int columns = Text.columns(prompt + line);
        lastInputRows = columns == 0 ? 1 : (columns - 1) / width() + 1;
      }
      return Optional.of(line);
    } catch (EndOfFileException | UserInterruptException e) {
      // Ctrl-D and Ctrl-C both mean "I want to leave"; the caller says goodbye.
      return Optional.empty();
    }
  }

  @Override
  public Optional<char[]> readSecret(String prompt) {
    try {
      // NULL_MASK echoes nothing at all, and JLine keeps masked lines out of the history.
      return Optional.of(reader.readLine(prompt, LineReaderImpl.NULL_MASK).toCharArray());
    } catch (EndOfFileException | UserInterruptException e) {
      return Optional.empty();
    }
  }

  @Override
  public void show(String line) {
    synchronized (screen) {
      lastInputRows = 0;
      reader.printAbove(line);
    }
  }

  @Override
  public void replaceInput(String line) {
    synchronized (screen) {
      if (lastInputRows > 0 && !Terminal.TYPE_DUMB.equals(terminal.getType())) {
        // Cursor up over the typed line, to its start, and clear to the end of the screen.
        terminal.writer().print("\033[" + lastInputRows + "A\r\033[J");
      }
      lastInputRows = 0;
      reader.printAbove(line);
    }
  }

  @Override
  public int width() {
    int w = terminal.getWidth();
    return w > 0 ? w : 80;
  }

  @Override
  public Style style() {
    return style;
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void startChat() {
    try {
      reader.getHistory().purge();
    } catch (IOException e) {
      // The history lives in memory only, so there is no file whose purge could fail.
      throw new UncheckedIOException("clearing the line history", e);
    }
  }

  @Override
  public void completeUsers(Supplier<Collection<String>> names) {
    this.users = names;
  }

  private void complete(LineReader r, ParsedLine line, List<Candidate> candidates) {
    String word = line.word();
    if (line.wordIndex() == 0 && word.startsWith("/")) {
      COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
      return;
    }
    boolean nameExpected =
        word.startsWith("@")
            || (line.wordIndex() == 1 && TAKES_NAME.contains(line.words().getFirst()));
    if (nameExpected) {
      users.get().forEach(name -> candidates.add(new Candidate("@" + name)));
    }
  }

  @Override
  public void close() {
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the terminal", e);
    }
  }
}
