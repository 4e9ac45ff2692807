package dev.securechat.client.e2e;

import dev.securechat.client.ChatListener;
import dev.securechat.client.LoginInfo;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import java.time.Duration;
import java.util.List;

/** What the end-to-end messenger tells its application, on the connection's thread. */
public interface MessengerListener {
  /** A message, already decrypted, verified, deduplicated and saved. */
  void onText(ReceivedText text);

  /** A message that could not be decrypted: shown as such, never dropped silently. */
  default void onUndecryptable(Stream stream, String from, long qseq) {}

  /** A peer's identity key changed: sending to them is blocked until the person accepts it. */
  default void onIdentityChanged(String peer) {}

  default void onPresence(List<String> online) {}

  default void onPresenceChange(String username, boolean online) {}

  default void onDisconnected(ServerFrame.Bye bye) {}

  /** As {@link ChatListener#onReconnecting}. */
  default void onReconnecting(int attempt, Duration wait, Throwable lastFailure) {}

  /** As {@link ChatListener#onReconnected}. */
  default void onReconnected(LoginInfo info) {}

  /** As {@link ChatListener#onReconnectAbandoned}. */
  default void onReconnectAbandoned(Throwable cause) {}

  /** As {@link ChatListener#onSendingHeld}. */
  default void onSendingHeld(ErrorCode reason, int waiting, Duration retryIn) {}

  /** As {@link ChatListener#onSendingResumed}. */
  default void onSendingResumed() {}
}
