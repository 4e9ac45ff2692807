package dev.securechat.server.config;

import dev.securechat.config.ConfigLayers;
import dev.securechat.config.RawSettings;
import dev.securechat.config.SettingsReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads the server configuration in layers, each replacing single keys of the one before:
 *
 * <ol>
 *   <li>built-in defaults;
 *   <li>the base file, if one is given (a given file that is missing is an error);
 *   <li>if {@code SECURECHAT_ENV=name} is set, the overlay {@code <base>.<name>.ini} next to the
 *       base file ({@code config.ini} takes {@code config.production.ini}, {@code server.ini} takes
 *       {@code server.production.ini}); a missing overlay is an error, since the operator asked for
 *       it;
 *   <li>environment variables {@code SECURECHAT_<SECTION>_<KEY>}, e.g. {@code
 *       SECURECHAT_SERVER_PORT};
 *   <li>command-line overrides keyed {@code section.key}, e.g. {@code server.port}.
 * </ol>
 *
 * Unknown sections and keys are errors wherever they appear, so a typo never passes silently.
 * Relative paths in values are relative to the working directory, not to the file. The layering
 * itself is {@link ConfigLayers}, shared with the client; the server's keys and rules are here.
 */
public final class ServerConfigLoader {
  /** The variable that names the overlay environment, e.g. {@code production}. */
  public static final String ENVIRONMENT_VARIABLE = ConfigLayers.ENVIRONMENT_VARIABLE;

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String FALLBACK_NODE_ID = "node-1";

  private ServerConfigLoader() {}

  /**
   * @param file the base config file, or empty to start from the defaults
   * @param env the process environment ({@code System.getenv()}), passed in so tests control it
   * @param overrides command-line settings keyed {@code section.key}; section case is ignored
   */
  public static ServerConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides)
      throws ConfigException {
    try {
      RawSettings settings = ConfigLayers.load(ConfigKeys.SCHEMA, file, env, overrides);
      return new ConfigBinder(new SettingsReader(settings), () -> defaultNodeId(env)).bind();
    } catch (dev.securechat.config.ConfigException e) {
      // The server's API keeps its own exception type; the message is the whole story.
      ConfigException translated = new ConfigException(e.getMessage(), e.getCause());
      translated.setStackTrace(e.getStackTrace());
      throw translated;
    }
  }

  /**
   * {@code dir/config.ini} with environment {@code production} gives {@code
   * dir/config.production.ini}.
   */
  static Path overlayPath(Path base, String environment) {
    return ConfigLayers.overlayPath(base, environment);
  }

  /** This machine's name, so that nodes differ without configuration; "node-1" if unusable. */
  private static String defaultNodeId(Map<String, String> env) {
    String host = env.getOrDefault("HOSTNAME", "");
    if (host.isEmpty()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        // A machine without a resolvable name still runs a single node; the id only matters in
        // a cluster, where the operator sets node_id.
        return FALLBACK_NODE_ID;
      }
    }
    return NODE_ID.matcher(host).matches() ? host : FALLBACK_NODE_ID;
  }
}
