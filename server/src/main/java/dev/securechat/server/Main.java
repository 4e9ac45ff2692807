package dev.securechat.server;

import dev.securechat.protocol.SoftwareVersion;
import dev.securechat.server.config.ConfigException;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.ServerConfigLoader;
import dev.securechat.server.logging.LoggingSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./securechat server}: loads the configuration, starts the server, stops on SIGTERM. */
@Command(
    name = "securechat server",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Runs the SecureChat server (chat port 8888 by default).")
public final class Main implements Callable<Integer> {
  private static final String DEFAULT_CONFIG = "server.ini";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Server INI file (default: ./server.ini if it exists, else built-in defaults).")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./data).")
  Path data;

  @Option(names = "--host", description = "Address to listen on (default: localhost).")
  String host;

  @Option(names = "--port", description = "Chat port (default: 8888).")
  Integer port;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /**
   * Exit codes: 0 after a normal stop, 1 when the server cannot start (said in one line, without a
   * stack trace: the details are in the log at DEBUG), 2 for a bad configuration.
   */
  @Override
  public Integer call() throws Exception {
    ServerConfig config;
    try {
      config = ServerConfigLoader.load(configFile(), System.getenv(), overrides());
    } catch (ConfigException e) {
      System.err.println("securechat: " + e.getMessage());
      return 2;
    }
    try {
      LoggingSetup.apply(config.logging());
    } catch (IOException e) {
      System.err.println(
          "securechat: cannot write the log file "
              + config.logging().file().toAbsolutePath()
              + ": "
              + StartupProblems.describe(e));
      return 1;
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("SecureChat server {} starting", SoftwareVersion.current());
    Optional<String> folder = StartupProblems.dataFolder(config.server().dataDir());
    if (folder.isPresent()) {
      log.error("Cannot start: {}", folder.get());
      return 1;
    }
    SecureChatServer server;
    try {
      server = SecureChatServer.start(config, Clock.systemUTC());
    } catch (Exception e) {
      log.error("Cannot start: {}", StartupProblems.describe(e));
      log.debug("Why the server could not start", e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  private Optional<Path> configFile() {
    if (config != null) {
      return Optional.of(config);
    }
    Path local = Path.of(DEFAULT_CONFIG);
    return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
  }

  private Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    if (data != null) {
      o.put("server.data_dir", data.toString());
    }
    if (host != null) {
      o.put("server.host", host);
    }
    if (port != null) {
      o.put("server.port", port.toString());
    }
    return o;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"SecureChat server " + SoftwareVersion.current()};
    }
  }
}
