package dev.securechat.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every section and key a program knows, with its default text. Anything not listed is a typo and
 * is refused, wherever it comes from. Built once with {@link #builder()}; immutable afterwards.
 */
public final class ConfigSchema {

  /** How much of a value an error message or log line may show. */
  public enum Exposure {
    PLAIN,
    /** Never shown. */
    SECRET,
    /** Shown with any embedded credentials hidden. */
    URL
  }

  /** One key: its section, name, default text and how much of its value may be shown. */
  public record Key(String section, String name, String defaultText, Exposure exposure) {
    /** The value as an error message may show it. */
    public String shown(String text) {
      return switch (exposure) {
        case PLAIN -> "\"" + text + "\"";
        case SECRET -> "(hidden)";
        case URL -> "\"" + UrlRedaction.redact(text) + "\"";
      };
    }

    @Override
    public String toString() {
      return "[" + section + "] " + name;
    }
  }

  private final Map<String, Map<String, Key>> keys;

  private ConfigSchema(Map<String, Map<String, Key>> keys) {
    this.keys = keys;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The canonical spelling of a section name given in any case. */
  public Optional<String> section(String name) {
    return keys.keySet().stream().filter(s -> s.equalsIgnoreCase(name)).findFirst();
  }

  public Optional<Key> key(String section, String name) {
    return Optional.ofNullable(keys.get(section).get(name.toLowerCase(Locale.ROOT)));
  }

  /** A key the program itself asks for: a missing one is a bug, not a configuration error. */
  public Key require(String section, String name) {
    return Optional.ofNullable(keys.get(section))
        .flatMap(s -> Optional.ofNullable(s.get(name.toLowerCase(Locale.ROOT))))
        .orElseThrow(() -> new IllegalArgumentException("no such key: " + section + "." + name));
  }

  /** Every key, section by section, in the order they were declared. */
  public List<Key> all() {
    var all = new ArrayList<Key>();
    keys.values().forEach(k -> all.addAll(k.values()));
    return all;
  }

  public String knownKeys(String section) {
    return String.join(", ", keys.get(section).keySet());
  }

  public String knownSections() {
    return String.join(", ", keys.keySet());
  }

  /** Declares sections and their keys in the order they are documented. */
  public static final class Builder {
    private final Map<String, Map<String, Key>> sections = new LinkedHashMap<>();
    private String current;

    private Builder() {}

    public Builder section(String name) {
      current = name;
      sections.put(name, new LinkedHashMap<>());
      return this;
    }

    public Builder key(String name, String defaultText) {
      return key(name, defaultText, Exposure.PLAIN);
    }

    public Builder key(String name, String defaultText, Exposure exposure) {
      if (current == null) {
        throw new IllegalStateException("declare a section before its keys");
      }
      sections.get(current).put(name, new Key(current, name, defaultText, exposure));
      return this;
    }

    public ConfigSchema build() {
      var copy = new LinkedHashMap<String, Map<String, Key>>();
      sections.forEach((name, k) -> copy.put(name, Collections.unmodifiableMap(k)));
      return new ConfigSchema(Collections.unmodifiableMap(copy));
    }
  }
}
