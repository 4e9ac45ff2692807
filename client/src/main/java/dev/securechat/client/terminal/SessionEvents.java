package dev.securechat.client.terminal;

import dev.securechat.protocol.ServerFrame;

/**
 * How the chat screen follows the session's ups and downs. {@link Events} passes them on while the
 * person is chatting, from the connection's thread or the library's reconnect thread.
 */
interface SessionEvents {
  SessionEvents NONE = new SessionEvents() {};

  /** The connection closed; {@code bye} is what the server said, if anything. */
  default void disconnected(ServerFrame.Bye bye) {}

  /** The library's reconnect attempt {@code attempt} (1, 2 ...) is about to start. */
  default void reconnecting(int attempt) {}

  /** The session is back. */
  default void reconnected() {}

  /** The library stopped reconnecting: only the person can fix {@code cause}. */
  default void abandoned(Throwable cause) {}
}
