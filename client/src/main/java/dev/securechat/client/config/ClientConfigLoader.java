package dev.securechat.client.config;

import dev.securechat.config.ConfigException;
import dev.securechat.config.ConfigLayers;
import dev.securechat.config.ConfigSchema;
import dev.securechat.config.SettingsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and loads {@code config.ini}: the file given with {@code --config}; else {@code
 * ./config.ini}; else {@code $XDG_CONFIG_HOME/securechat/config.ini} (by default {@code
 * ~/.config/securechat/config.ini}); else the built-in defaults. Then the layers the server has too
 * ({@link ConfigLayers}): a {@code SECURECHAT_ENV} overlay next to the file, {@code
 * SECURECHAT_<SECTION>_<KEY>} variables and the command line.
 */
public final class ClientConfigLoader {
  public static final String FILE_NAME = "config.ini";
  static final String SERVER = "Server";
  static final String LOGGING = "Logging";
  static final String CLIENT = "Client";
  private static final String HOST_SYMBOLS = ".-_:%";

  /** The original file's keys and defaults, nothing more: anything else is a typo. */
  static final ConfigSchema SCHEMA =
      ConfigSchema.builder()
          .section(SERVER)
          .key("host", "localhost")
          .key("port", "8888")
          .section(LOGGING)
          .key("level", "INFO")
          .key("debug_mode", "False")
          .section(CLIENT)
          .key("receive_buffer", "4096")
          .build();

  private ClientConfigLoader() {}

  /** The configuration and the file it came from, if any, to tell the person. */
  public record Loaded(ClientConfig config, Optional<Path> file) {}

  /**
   * @param given the {@code --config} file, which must exist
   * @param workingDir where {@code ./config.ini} is looked for
   * @param userHome the user's home, for {@code ~/.config} when {@code XDG_CONFIG_HOME} is unset
   * @param env the process environment, passed in so that tests control it
   * @param overrides command-line settings keyed {@code section.key}
   */
  public static Loaded load(
      Optional<Path> given,
      Path workingDir,
      Path userHome,
      Map<String, String> env,
      Map<String, String> overrides)
      throws ConfigException {
    Optional<Path> file = given.isPresent() ? given : find(workingDir, userHome, env);
    var reader = new SettingsReader(ConfigLayers.load(SCHEMA, file, env, overrides));
    return new Loaded(bind(reader), file);
  }

  /** The first of {@code ./config.ini} and the user's config folder that exists. */
  static Optional<Path> find(Path workingDir, Path userHome, Map<String, String> env) {
    Path local = workingDir.resolve(FILE_NAME);
    if (Files.isRegularFile(local)) {
      return Optional.of(local);
    }
    Path user = userConfigDir(userHome, env).resolve("securechat").resolve(FILE_NAME);
    return Files.isRegularFile(user) ? Optional.of(user) : Optional.empty();
  }

  /** XDG: {@code $XDG_CONFIG_HOME} if set to an absolute path, else {@code ~/.config}. */
  static Path userConfigDir(Path userHome, Map<String, String> env) {
    String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
    if (!xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg);
    }
    return userHome.resolve(".config");
  }

  private static ClientConfig bind(SettingsReader r) throws ConfigException {
    var server =
        new ClientConfig.Server(
            r.token(SERVER, "host", HOST_SYMBOLS, 253), r.intIn(SERVER, "port", 1, 65535));
    var logging =
        new ClientConfig.Logging(
            r.oneOf(LOGGING, "level", ClientConfig.Logging.Level.class),
            r.bool(LOGGING, "debug_mode"));
    var client = new ClientConfig.Client(r.intIn(CLIENT, "receive_buffer", 1024, 1024 * 1024));
    return new ClientConfig(server, logging, client);
  }
}
