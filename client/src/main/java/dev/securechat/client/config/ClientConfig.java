package dev.securechat.client.config;

/**
 * The terminal client's validated configuration, the keys of the original {@code config.ini}:
 * {@code [Server] host, port}, {@code [Logging] level, debug_mode}, {@code [Client]
 * receive_buffer}.
 */
public record ClientConfig(Server server, Logging logging, Client client) {

  /** {@code [Server]}: where to connect. */
  public record Server(String host, int port) {
    /** {@code host:port}, as known_servers and error messages name it. */
    public String address() {
      return host + ":" + port;
    }
  }

  /**
   * {@code [Logging]}: the level of the client's log file; {@code debugMode} logs at DEBUG (or
   * TRACE if that is the level) whatever {@code level} says, with the calling method and line.
   */
  public record Logging(Level level, boolean debugMode) {
    /** The levels a person may choose, most verbose first. */
    public enum Level {
      TRACE,
      DEBUG,
      INFO,
      WARN,
      ERROR
    }

    public Level effectiveLevel() {
      return debugMode && level.compareTo(Level.DEBUG) > 0 ? Level.DEBUG : level;
    }
  }

  /** {@code [Client]}: {@code receiveBuffer} is how many bytes one read from the socket takes. */
  public record Client(int receiveBuffer) {}
}
