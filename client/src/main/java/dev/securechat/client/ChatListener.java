package dev.securechat.client;

import dev.securechat.protocol.ServerFrame;
import java.util.List;

/** What a chat client tells its application. Called on the connection's thread: be quick. */
public interface ChatListener {
  /**
   * A new message, in queue order, each exactly once: it is recorded as handled after this returns,
   * so a crash during this call shows it again rather than losing it.
   */
  void onMessage(IncomingMessage message);

  default void onPresence(List<String> online) {}

  default void onPresenceChange(String username, boolean online) {}

  /** The server closed the session and said why ({@code null} when it just went away). */
  default void onDisconnected(ServerFrame.Bye bye) {}
}
