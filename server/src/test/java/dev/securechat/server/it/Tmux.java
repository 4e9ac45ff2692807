package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal a test types into and reads from, as a person would: a tmux session of 80 by 24
 * on a tmux server of the test's own (its own socket), so a developer's tmux is never touched.
 */
final class Tmux implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final String socket;
  private final String session;

  private Tmux(String socket, String session) {
    this.socket = socket;
    this.session = session;
  }

  /** Starts {@code command} (one shell line) in a new 80x24 session; it stays open after exit. */
  static Tmux start(String socket, String session, Path dir, String command) throws IOException {
    Path script = dir.resolve(session + ".sh");
    Files.writeString(
        script,
        // Keep the pane after the program ends, so the test can read its last words.
        command + "\necho \"[exited $?]\"\nexec sleep 3600\n",
        StandardCharsets.UTF_8);
    run(
        socket,
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "80",
        "-y",
        "24",
        "-c",
        dir.toString(),
        "sh " + script);
    return new Tmux(socket, session);
  }

  /** Types text literally (no key names), without Enter. */
  Tmux type(String text) {
    run(socket, "send-keys", "-t", session, "-l", text);
    return this;
  }

  /** Types a line and presses Enter. */
  Tmux line(String text) {
    return type(text).keys("Enter");
  }

  /** Presses keys by tmux name: Enter, Tab, C-d, Up... */
  Tmux keys(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    run(socket, args.toArray(String[]::new));
    return this;
  }

  /** Everything shown so far, wrapped lines joined back into one. */
  String text() {
    return run(socket, "capture-pane", "-p", "-J", "-S", "-", "-t", session);
  }

  /** The visible rows as the person sees them. */
  List<String> rows() {
    return run(socket, "capture-pane", "-p", "-t", session).lines().toList();
  }

  Tmux resize(int columns, int lines) {
    run(socket, "resize-window", "-t", session, "-x", "" + columns, "-y", "" + lines);
    return this;
  }

  /** Waits until the screen shows {@code expected}; returns this for chaining. */
  Tmux await(String expected) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(text()).as("screen of " + session).contains(expected));
    return this;
  }

  /** Waits until {@code expected} is on the screen {@code times} times (or more). */
  Tmux await(String expected, int times) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(count(text(), expected))
                    .as("screen of " + session)
                    .isGreaterThanOrEqualTo(times));
    return this;
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    run(socket, "kill-session", "-t", session);
  }

  /** Stops the test's tmux server and every session left on it. */
  static void killServer(String socket) {
    try {
      new ProcessBuilder("tmux", "-L", socket, "kill-server")
          .redirectErrorStream(true)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("tmux is needed for the terminal tests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String run(String socket, String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(
          "tmux is needed for the terminal tests (apt-get install tmux)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running tmux", e);
    }
  }
}
