package dev.securechat.client;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerConnection;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.SoftwareVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./securechat client}. For now it connects, pins the server's key on first use and reports
 * what it found: the chat interface arrives with end-to-end encryption, so that no build of this
 * client ever sends a readable message.
 */
@Command(
    name = "securechat client",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Connects to a SecureChat server.")
public final class Main implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Client INI file (default: ./config.ini if present).")
  Path config;

  @Option(names = "--host", description = "Server host (default: localhost).")
  String host;

  @Option(names = "--port", description = "Server port (default: 8888).")
  Integer port;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Where the client keeps its state (default: ~/.securechat).")
  Path home = Path.of(System.getProperty("user.home"), ".securechat");

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    String h = "localhost";
    int p = 8888;
    Path file = config != null ? config : Path.of("config.ini");
    if (Files.isRegularFile(file)) {
      for (String[] kv : serverSection(Files.readAllLines(file, StandardCharsets.UTF_8))) {
        switch (kv[0]) {
          case "host" -> h = kv[1];
          case "port" -> p = Integer.parseInt(kv[1]);
          default -> {}
        }
      }
    } else if (config != null) {
      System.err.println("securechat: config file " + config + " does not exist");
      return 2;
    }
    h = host != null ? host : h;
    p = port != null ? port : p;
    TrustOnFirstUse ask =
        (server, fingerprint) -> {
          System.out.printf(
              "First connection to %s. Its key fingerprint is%n  %s%nCompare it with the one the"
                  + " server printed at start. Trust it? [y/N] ",
              server, fingerprint);
          String answer = readLine();
          return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        };
    try (ClientTransport transport =
            new ClientTransport(new KnownServers(home.resolve("known_servers")), ask);
        ServerConnection c = transport.connect(h, p, frame -> {}, Duration.ofSeconds(10)).join()) {
      ServerFrame.HelloOk hello = c.hello();
      System.out.printf(
          "Connected to %s:%d: %s (node %s, protocol %d).%nChatting arrives with end-to-end"
              + " encryption; until then this client only checks the connection.%n",
          h, p, hello.software(), hello.node(), hello.protocolVersion());
      return 0;
    } catch (CompletionException e) {
      System.err.println("securechat: " + e.getCause().getMessage());
      return 1;
    }
  }

  private static String readLine() {
    if (System.console() != null) {
      return System.console().readLine();
    }
    try {
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))
          .readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String[]> serverSection(List<String> lines) {
    List<String[]> out = new java.util.ArrayList<>();
    boolean inServer = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        inServer = line.equalsIgnoreCase("[Server]");
      } else if (inServer && line.contains("=") && !line.startsWith("#") && !line.startsWith(";")) {
        String[] kv = line.split("=", 2);
        out.add(new String[] {kv[0].strip().toLowerCase(Locale.ROOT), kv[1].strip()});
      }
    }
    return out;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"SecureChat client " + SoftwareVersion.current()};
    }
  }
}
