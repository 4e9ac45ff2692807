package dev.securechat.client.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the console: JLine for a person at a terminal, plain lines for a script. */
public final class Consoles {
  private static final Logger log = LoggerFactory.getLogger(Consoles.class);

  private Consoles() {}

  public static Console open() {
    var system = System.console();
    boolean terminal = system != null && system.isTerminal();
    if (terminal) {
      try {
        Terminal t = TerminalBuilder.builder().system(true).build();
        if (!Terminal.TYPE_DUMB.equals(t.getType())
            && !Terminal.TYPE_DUMB_COLOR.equals(t.getType())) {
          return new JLineConsole(
              t, Style.forTerminal(true, t.getType(), System.getenv("NO_COLOR")));
        }
        t.close();
      } catch (IOException e) {
        log.warn("No usable terminal; reading plain lines instead", e);
      }
    }
    Charset charset = system != null ? system.charset() : Charset.defaultCharset();
    return new PlainConsole(
        new BufferedReader(new InputStreamReader(System.in, charset)), System.out);
  }
}
