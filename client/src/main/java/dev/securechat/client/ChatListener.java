package dev.securechat.client;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import java.time.Duration;
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

  /**
   * The connection ended and the server said why ({@code null} when it just went away). Not called
   * for a connection the application closed itself ({@link ChatClient#close}), nor for a failed
   * reconnect attempt.
   */
  default void onDisconnected(ServerFrame.Bye bye) {}

  /**
   * Reconnecting by itself ({@link ClientOptions#reconnect}): attempt {@code attempt} (1, 2 ...)
   * starts after {@code wait}; {@code lastFailure} is why the previous attempt failed (null for the
   * first). Called on a background thread.
   */
  default void onReconnecting(int attempt, Duration wait, Throwable lastFailure) {}

  /**
   * The session is back. Called on the connection's thread before the messages that waited on the
   * server are handled; the outbox is being sent again.
   */
  default void onReconnected(LoginInfo info) {}

  /**
   * Reconnecting stopped for good: {@code cause} is something only the person can fix (a changed
   * server key, a login the server no longer accepts). Called on a background thread.
   */
  default void onReconnectAbandoned(Throwable cause) {}

  /**
   * The server cannot store messages right now ({@code reason}, e.g. STORAGE_UNAVAILABLE): the
   * {@code waiting} messages stay in this device's outbox and are sent again by themselves, the
   * first time after {@code retryIn}. Once per outage.
   */
  default void onSendingHeld(ErrorCode reason, int waiting, Duration retryIn) {}

  /** The server stores messages again after {@link #onSendingHeld}. */
  default void onSendingResumed() {}
}
