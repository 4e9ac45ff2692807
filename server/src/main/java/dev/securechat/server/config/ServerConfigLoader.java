package dev.securechat.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * Relative paths in values are relative to the working directory, not to the file.
 */
public final class ServerConfigLoader {
  /** The variable that names the overlay environment, e.g. {@code production}. */
  public static final String ENVIRONMENT_VARIABLE = "SECURECHAT_ENV";

  private static final String ENV_PREFIX = "SECURECHAT_";
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
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
    var settings = new RawSettings();
    if (file.isPresent()) {
      applyFile(settings, IniFile.read(file.get()));
    }
    Optional<Path> overlay = overlayFile(file, env);
    if (overlay.isPresent()) {
      applyFile(settings, IniFile.read(overlay.get()));
    }
    applyEnvironment(settings, env);
    applyOverrides(settings, overrides);
    return new ConfigBinder(new SettingsReader(settings), () -> defaultNodeId(env)).bind();
  }

  private static Optional<Path> overlayFile(Optional<Path> base, Map<String, String> env)
      throws ConfigException {
    String name = env.getOrDefault(ENVIRONMENT_VARIABLE, "").strip();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!ENVIRONMENT_NAME.matcher(name).matches()) {
      throw new ConfigException(
          "environment variable "
              + ENVIRONMENT_VARIABLE
              + " = \""
              + name
              + "\": must be 1 to 64 letters, digits, \"_\" or \"-\"");
    }
    if (base.isEmpty()) {
      throw new ConfigException(
          ENVIRONMENT_VARIABLE
              + "="
              + name
              + " asks for an overlay file next to the base config file, but no config file"
              + " was given");
    }
    Path overlay = overlayPath(base.get(), name);
    if (!Files.exists(overlay)) {
      throw new ConfigException(
          ENVIRONMENT_VARIABLE
              + "="
              + name
              + " asks for the overlay file "
              + overlay
              + ", which does not exist; create it or unset "
              + ENVIRONMENT_VARIABLE);
    }
    return Optional.of(overlay);
  }

  /**
   * {@code dir/config.ini} with environment {@code production} gives {@code
   * dir/config.production.ini}.
   */
  static Path overlayPath(Path base, String environment) {
    String fileName = base.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    return base.resolveSibling(stem + "." + environment + ".ini");
  }

  private static void applyFile(RawSettings settings, IniFile ini) throws ConfigException {
    for (IniFile.Section section : ini.sections()) {
      String name =
          ConfigKeys.section(section.name())
              .orElseThrow(
                  () ->
                      new ConfigException(
                          ini.path()
                              + ":"
                              + section.line()
                              + ": unknown section ["
                              + section.name()
                              + "]; known sections: "
                              + ConfigKeys.knownSections()));
      for (IniFile.Entry entry : section.entries()) {
        ConfigKeys.Key key =
            ConfigKeys.key(name, entry.key())
                .orElseThrow(
                    () ->
                        new ConfigException(
                            ini.path()
                                + ":"
                                + entry.line()
                                + ": unknown key \""
                                + entry.key()
                                + "\" in ["
                                + name
                                + "]; known keys: "
                                + ConfigKeys.knownKeys(name)));
        settings.put(key, new RawValue(entry.value(), ConfigSource.file(ini.path(), entry.line())));
      }
    }
  }

  private static void applyEnvironment(RawSettings settings, Map<String, String> env)
      throws ConfigException {
    // Sorted, so that with several bad variables the same one is reported every time.
    for (var variable : new TreeMap<>(env).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(ENV_PREFIX)) {
        continue;
      }
      String rest = name.substring(ENV_PREFIX.length());
      int underscore = rest.indexOf('_');
      Optional<String> section =
          underscore > 0 ? ConfigKeys.section(rest.substring(0, underscore)) : Optional.empty();
      if (section.isEmpty()) {
        // SECURECHAT_ENV, SECURECHAT_JAVA_OPTS and the client's own variables are not ours.
        continue;
      }
      String keyName = rest.substring(underscore + 1).toLowerCase(Locale.ROOT);
      ConfigKeys.Key key =
          ConfigKeys.key(section.get(), keyName)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "environment variable "
                              + name
                              + ": no key \""
                              + keyName
                              + "\" in ["
                              + section.get()
                              + "]; known keys: "
                              + ConfigKeys.knownKeys(section.get())));
      settings.put(key, new RawValue(variable.getValue().strip(), ConfigSource.environment(name)));
    }
  }

  private static void applyOverrides(RawSettings settings, Map<String, String> overrides)
      throws ConfigException {
    for (var override : new TreeMap<>(overrides).entrySet()) {
      settings.put(
          commandLineKey(override.getKey()),
          new RawValue(override.getValue().strip(), ConfigSource.COMMAND_LINE));
    }
  }

  private static ConfigKeys.Key commandLineKey(String name) throws ConfigException {
    int dot = name.indexOf('.');
    Optional<String> section =
        dot > 0 ? ConfigKeys.section(name.substring(0, dot)) : Optional.empty();
    if (section.isEmpty()) {
      throw new ConfigException(
          "command line: \""
              + name
              + "\" is not a setting; write section.key, with section one of "
              + ConfigKeys.knownSections());
    }
    String keyName = name.substring(dot + 1);
    return ConfigKeys.key(section.get(), keyName)
        .orElseThrow(
            () ->
                new ConfigException(
                    "command line: no key \""
                        + keyName
                        + "\" in ["
                        + section.get()
                        + "]; known keys: "
                        + ConfigKeys.knownKeys(section.get())));
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
