package dev.securechat.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a configuration in layers, each replacing single keys of the one before:
 *
 * <ol>
 *   <li>the schema's defaults;
 *   <li>the base file, if one is given (a given file that is missing is an error);
 *   <li>if {@code SECURECHAT_ENV=name} is set, the overlay {@code <base>.<name>.ini} next to the
 *       base file ({@code config.ini} takes {@code config.production.ini}, {@code server.ini} takes
 *       {@code server.production.ini}); a missing overlay is an error, since the person asked for
 *       it;
 *   <li>environment variables {@code SECURECHAT_<SECTION>_<KEY>}, e.g. {@code
 *       SECURECHAT_SERVER_PORT};
 *   <li>command-line overrides keyed {@code section.key}, e.g. {@code server.port}.
 * </ol>
 *
 * Unknown sections and keys are errors wherever they appear, so a typo never passes silently. An
 * environment variable whose section the schema does not know belongs to another program (the
 * server's {@code SECURECHAT_STORAGE_URL} means nothing to the client) and is passed over.
 */
public final class ConfigLayers {
  /** The variable that names the overlay environment, e.g. {@code production}. */
  public static final String ENVIRONMENT_VARIABLE = "SECURECHAT_ENV";

  private static final String ENV_PREFIX = "SECURECHAT_";
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ConfigLayers() {}

  /**
   * @param file the base config file, or empty to start from the defaults
   * @param env the process environment ({@code System.getenv()}), passed in so tests control it
   * @param overrides command-line settings keyed {@code section.key}; section case is ignored
   */
  public static RawSettings load(
      ConfigSchema schema,
      Optional<Path> file,
      Map<String, String> env,
      Map<String, String> overrides)
      throws ConfigException {
    var settings = new RawSettings(schema);
    if (file.isPresent()) {
      applyFile(settings, IniFile.read(file.get()));
    }
    Optional<Path> overlay = overlayFile(file, env);
    if (overlay.isPresent()) {
      applyFile(settings, IniFile.read(overlay.get()));
    }
    applyEnvironment(settings, env);
    applyOverrides(settings, overrides);
    return settings;
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
  public static Path overlayPath(Path base, String environment) {
    String fileName = base.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    return base.resolveSibling(stem + "." + environment + ".ini");
  }

  private static void applyFile(RawSettings settings, IniFile ini) throws ConfigException {
    ConfigSchema schema = settings.schema();
    for (IniFile.Section section : ini.sections()) {
      String name =
          schema
              .section(section.name())
              .orElseThrow(
                  () ->
                      new ConfigException(
                          ini.path()
                              + ":"
                              + section.line()
                              + ": unknown section ["
                              + section.name()
                              + "]; known sections: "
                              + schema.knownSections()));
      for (IniFile.Entry entry : section.entries()) {
        ConfigSchema.Key key =
            schema
                .key(name, entry.key())
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
                                + schema.knownKeys(name)));
        settings.put(key, new RawValue(entry.value(), ConfigSource.file(ini.path(), entry.line())));
      }
    }
  }

  private static void applyEnvironment(RawSettings settings, Map<String, String> env)
      throws ConfigException {
    ConfigSchema schema = settings.schema();
    // Sorted, so that with several bad variables the same one is reported every time.
    for (var variable : new TreeMap<>(env).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(ENV_PREFIX)) {
        continue;
      }
      String rest = name.substring(ENV_PREFIX.length());
      int underscore = rest.indexOf('_');
      Optional<String> section =
          underscore > 0 ? schema.section(rest.substring(0, underscore)) : Optional.empty();
      if (section.isEmpty()) {
        // SECURECHAT_ENV, SECURECHAT_JAVA_OPTS and the other program's sections are not ours.
        continue;
      }
      String keyName = rest.substring(underscore + 1).toLowerCase(Locale.ROOT);
      ConfigSchema.Key key =
          schema
              .key(section.get(), keyName)
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
                              + schema.knownKeys(section.get())));
      settings.put(key, new RawValue(variable.getValue().strip(), ConfigSource.environment(name)));
    }
  }

  private static void applyOverrides(RawSettings settings, Map<String, String> overrides)
      throws ConfigException {
    for (var override : new TreeMap<>(overrides).entrySet()) {
      settings.put(
          commandLineKey(settings.schema(), override.getKey()),
          new RawValue(override.getValue().strip(), ConfigSource.COMMAND_LINE));
    }
  }

  private static ConfigSchema.Key commandLineKey(ConfigSchema schema, String name)
      throws ConfigException {
    int dot = name.indexOf('.');
    Optional<String> section = dot > 0 ? schema.section(name.substring(0, dot)) : Optional.empty();
    if (section.isEmpty()) {
      throw new ConfigException(
          "command line: \""
              + name
              + "\" is not a setting; write section.key, with section one of "
              + schema.knownSections());
    }
    String keyName = name.substring(dot + 1);
    return schema
        .key(section.get(), keyName)
        .orElseThrow(
            () ->
                new ConfigException(
                    "command line: no key \""
                        + keyName
                        + "\" in ["
                        + section.get()
                        + "]; known keys: "
                        + schema.knownKeys(section.get())));
  }
}
