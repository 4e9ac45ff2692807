package dev.securechat.client;

import dev.securechat.client.config.ClientConfig;
import dev.securechat.client.config.ClientConfigLoader;
import dev.securechat.client.terminal.ClientLogging;
import dev.securechat.client.terminal.ClientProgram;
import dev.securechat.client.terminal.Console;
import dev.securechat.client.terminal.Consoles;
import dev.securechat.config.ConfigException;
import dev.securechat.protocol.SoftwareVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./securechat client}: the terminal chat program. Reads the options and the config. */
@Command(
    name = "securechat client",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "The SecureChat terminal client: register or log in, then chat end to end encrypted.",
      "",
      "config.ini is taken from --config, else ./config.ini, else"
          + " $XDG_CONFIG_HOME/securechat/config.ini (~/.config/securechat/config.ini);"
          + " SECURECHAT_ENV=<name> adds config.<name>.ini beside it, and"
          + " SECURECHAT_<SECTION>_<KEY> variables override single keys.",
      ""
    },
    footer = {
      "",
      "When standard input is not a terminal, lines are read one by one (menu choice, name,"
          + " password, then chat lines), so the client can be scripted; output is plain."
    })
public final class Main implements Callable<Integer> {
  @Option(names = "--host", paramLabel = "HOST", description = "Server host ([Server] host).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Server port ([Server] port).")
  String port;

  @Option(names = "--config", paramLabel = "FILE", description = "The config.ini to read.")
  Path config;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Where this client keeps its keys, messages, pinned server keys and log"
              + " (default: ~/.securechat).")
  Path home;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() {
    Path userHome = Path.of(System.getProperty("user.home"));
    ClientConfig loaded;
    try {
      loaded =
          ClientConfigLoader.load(
                  Optional.ofNullable(config),
                  Path.of("").toAbsolutePath(),
                  userHome,
                  System.getenv(),
                  overrides())
              .config();
    } catch (ConfigException e) {
      System.err.println("securechat: " + e.getMessage());
      return 2;
    }
    Path state = home != null ? home : userHome.resolve(".securechat");
    try {
      ClientLogging.apply(loaded.logging(), state.resolve("client.log"));
    } catch (IOException e) {
      System.err.println("securechat: " + e.getMessage());
      return 1;
    }
    try (Console console = Consoles.open()) {
      return new ClientProgram(loaded, state, console, Clock.systemDefaultZone()).run();
    }
  }

  private Map<String, String> overrides() {
    Map<String, String> o = new HashMap<>();
    if (host != null) {
      o.put("server.host", host);
    }
    if (port != null) {
      o.put("server.port", port);
    }
    return o;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"SecureChat client " + SoftwareVersion.current()};
    }
  }
}
