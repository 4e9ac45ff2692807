package dev.securechat.config;

import java.nio.file.Path;

/** Where a setting's text came from, as the person would look for it. */
public record ConfigSource(String description) {
  public static final ConfigSource DEFAULT = new ConfigSource("built-in default");
  public static final ConfigSource COMMAND_LINE = new ConfigSource("command line");

  public static ConfigSource file(Path file, int line) {
    return new ConfigSource(file + ":" + line);
  }

  public static ConfigSource environment(String variable) {
    return new ConfigSource("environment variable " + variable);
  }

  @Override
  public String toString() {
    return description;
  }
}
