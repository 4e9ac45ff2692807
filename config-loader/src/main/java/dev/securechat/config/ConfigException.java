package dev.securechat.config;

/**
 * The configuration cannot be used: a file is missing or malformed, a key is unknown, or a value is
 * out of range. The message names where the value came from (file and line, environment variable,
 * or command line), the section, the key, the value (unless it is a secret) and what is allowed, so
 * that it can be shown to the person as it is.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
