package dev.securechat.server.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts the real terminal client, {@code dev.securechat.client.Main}, in a JVM of its own, with
 * this test JVM's java and class path (which hold the client module and its dependencies): in a
 * tmux pseudo-terminal for a person, or with piped standard input for a script.
 */
final class TerminalClients {
  private final String socket;
  private final Path dir;
  private final String host;
  private final int port;

  TerminalClients(String socket, Path dir, String host, int port) {
    this.socket = socket;
    this.dir = dir;
    this.host = host;
    this.port = port;
  }

  /** The client's command line, with its state folder {@code dir/<home>}. */
  List<String> command(String home, String... extra) {
    return command(home, port, extra);
  }

  /** The same, for a server at another port (one nothing listens on, say). */
  List<String> command(String home, int serverPort, String... extra) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("--enable-native-access=ALL-UNNAMED");
    // The client needs 64 MiB for Argon2 and little else; several run side by side here.
    c.add("-Xmx256m");
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add("dev.securechat.client.Main");
    c.addAll(
        List.of("--host", host, "--port", "" + serverPort, "--home", dir.resolve(home).toString()));
    c.addAll(List.of(extra));
    return c;
  }

  /** A person at a terminal running the client with state folder {@code home}. */
  Tmux interactive(String session, String home, String... extra) throws IOException {
    String line =
        command(home, extra).stream().map(TerminalClients::quote).collect(Collectors.joining(" "));
    return Tmux.start(socket, session, dir, line);
  }

  /** What a script got back: the exit code and everything printed. */
  record Run(int exitCode, String output) {}

  /** Runs the client with {@code lines} on standard input, then end of input. */
  Run scripted(String home, List<String> lines, Map<String, String> env, String... extra)
      throws IOException, InterruptedException {
    return scripted(command(home, extra), lines, env);
  }

  Run scripted(List<String> command, List<String> lines, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.directory(dir.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    var output = new java.io.ByteArrayOutputStream();
    // Read on another thread, so that a client that never ends fails the test instead of hanging
    // it.
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (var from = p.getInputStream()) {
                    from.transferTo(output);
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    try (OutputStream in = p.getOutputStream()) {
      in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      if (p.isAlive()) {
        throw e;
      }
      // It ended before reading its input (a bad option, say): its output says why.
    }
    boolean ended = p.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    reader.join(10_000);
    String out = output.toString(StandardCharsets.UTF_8);
    if (!ended) {
      throw new IllegalStateException("the scripted client did not end:\n" + out);
    }
    return new Run(p.exitValue(), out);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
