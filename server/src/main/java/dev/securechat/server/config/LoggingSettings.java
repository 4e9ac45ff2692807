package dev.securechat.server.config;

import java.nio.file.Path;

/**
 * {@code [Logging]}: console and a rotating file. {@code debugMode} logs at DEBUG (or TRACE if that
 * is the level) whatever {@code level} says, with the calling method and line.
 */
public record LoggingSettings(
    Level level, boolean debugMode, Path file, int maxFileSizeMb, int maxHistory) {

  /** The levels an operator may choose, most verbose first. */
  public enum Level {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** The level actually in force once {@code debugMode} is taken into account. */
  public Level effectiveLevel() {
    return debugMode && level.compareTo(Level.DEBUG) > 0 ? Level.DEBUG : level;
  }
}
