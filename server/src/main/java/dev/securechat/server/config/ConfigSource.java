package dev.securechat.server.config;

import java.nio.file.Path;

/** Where a setting's text came from, as the operator would look for it. */
record ConfigSource(String description) {
  static final ConfigSource DEFAULT = new ConfigSource("built-in default");
  static final ConfigSource COMMAND_LINE = new ConfigSource("command line");

  static ConfigSource file(Path file, int line) {
    return new ConfigSource(file + ":" + line);
  }

  static ConfigSource environment(String variable) {
    return new ConfigSource("environment variable " + variable);
  }

  @Override
  public String toString() {
    return description;
  }
}
