package dev.securechat.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns layered setting text into typed values. Each failure is a {@link ConfigException} naming
 * the value's source, section, key, the value (hidden for secrets) and what is allowed.
 */
public final class SettingsReader {
  private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
  private static final Set<String> FALSE = Set.of("false", "no", "off", "0");

  private final RawSettings settings;

  public SettingsReader(RawSettings settings) {
    this.settings = settings;
  }

  public String text(String section, String key) {
    return raw(section, key).text();
  }

  public int intIn(String section, String key, int min, int max) throws ConfigException {
    return Math.toIntExact(longIn(section, key, min, max));
  }

  public long longIn(String section, String key, long min, long max) throws ConfigException {
    return longIn(section, key, min, max, "");
  }

  /** A TCP port; 0 lets the system pick a free one, which in-process test servers rely on. */
  public int port(String section, String key) throws ConfigException {
    return Math.toIntExact(longIn(section, key, 0, 65535, " (0: any free port)"));
  }

  private long longIn(String section, String key, long min, long max, String note)
      throws ConfigException {
    String allowed = "must be a whole number from " + min + " to " + max + note;
    long value;
    try {
      value = Long.parseLong(text(section, key));
    } catch (NumberFormatException e) {
      throw invalid(section, key, allowed, e);
    }
    if (value < min || value > max) {
      throw invalid(section, key, allowed);
    }
    return value;
  }

  public Duration seconds(String section, String key, int min, int max) throws ConfigException {
    return Duration.ofSeconds(intIn(section, key, min, max));
  }

  public boolean bool(String section, String key) throws ConfigException {
    String text = text(section, key).toLowerCase(Locale.ROOT);
    if (TRUE.contains(text)) {
      return true;
    }
    if (FALSE.contains(text)) {
      return false;
    }
    throw invalid(section, key, "must be true or false (also yes/no, on/off, 1/0)");
  }

  public <E extends Enum<E>> E oneOf(String section, String key, Class<E> type)
      throws ConfigException {
    String text = text(section, key);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    throw invalid(section, key, "must be one of " + allowed);
  }

  /** A name such as a host or node id: ASCII letters, digits and the given symbols. */
  public String token(String section, String key, String symbols, int maxLength)
      throws ConfigException {
    String text = text(section, key);
    boolean valid =
        !text.isEmpty()
            && text.length() <= maxLength
            && text.chars().allMatch(c -> isAsciiLetterOrDigit(c) || symbols.indexOf(c) >= 0);
    if (!valid) {
      throw invalid(
          section,
          key,
          "must be 1 to "
              + maxLength
              + " characters, each an ASCII letter, digit or one of "
              + String.join(" ", symbols.split("")));
    }
    return text;
  }

  public Path path(String section, String key) throws ConfigException {
    String text = text(section, key);
    if (text.isEmpty()) {
      throw invalid(section, key, "must be a file or directory path");
    }
    return toPath(section, key, text);
  }

  /** An empty value means "not set". */
  public Optional<Path> optionalPath(String section, String key) throws ConfigException {
    String text = text(section, key);
    return text.isEmpty() ? Optional.empty() : Optional.of(toPath(section, key, text));
  }

  public URI uri(String section, String key, List<String> schemes) throws ConfigException {
    String allowed =
        "must be a URL starting with " + String.join("://, or ", schemes) + "://, naming a host";
    URI uri;
    try {
      uri = new URI(text(section, key));
    } catch (URISyntaxException e) {
      throw invalid(section, key, allowed, e);
    }
    boolean valid =
        uri.getScheme() != null
            && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
            && uri.getHost() != null;
    if (!valid) {
      throw invalid(section, key, allowed);
    }
    return uri;
  }

  /** An error about this key's current value, for checks that span several keys. */
  public ConfigException invalid(String section, String key, String problem) {
    return invalid(section, key, problem, null);
  }

  private ConfigException invalid(String section, String key, String problem, Throwable cause) {
    ConfigSchema.Key k = settings.schema().require(section, key);
    RawValue value = settings.get(k);
    String message = value.source() + " " + k + " = " + k.shown(value.text()) + ": " + problem;
    // The cause would repeat the value in its own message, so it is kept only for non-secrets.
    return k.exposure() == ConfigSchema.Exposure.PLAIN
        ? new ConfigException(message, cause)
        : new ConfigException(message);
  }

  /** How another key's value is described inside an error about this one. */
  public String describe(String section, String key) {
    ConfigSchema.Key k = settings.schema().require(section, key);
    RawValue value = settings.get(k);
    return k + " = " + k.shown(value.text()) + " (" + value.source() + ")";
  }

  private Path toPath(String section, String key, String text) throws ConfigException {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw invalid(section, key, "must be a valid path (" + e.getReason() + ")", e);
    }
  }

  private RawValue raw(String section, String key) {
    return settings.get(settings.schema().require(section, key));
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
