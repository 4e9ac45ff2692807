package dev.securechat.client.e2e;

import dev.securechat.client.ChatListener;
import dev.securechat.client.IncomingMessage;
import dev.securechat.client.LoginInfo;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the chat client reports, passed on: deliveries to the messenger, which decrypts them first;
 * everything else straight to the application's {@link MessengerListener}.
 */
final class ListenerBridge implements ChatListener {
  private final Consumer<IncomingMessage> deliveries;
  private final MessengerListener application;

  ListenerBridge(Consumer<IncomingMessage> deliveries, MessengerListener application) {
    this.deliveries = deliveries;
    this.application = application;
  }

  @Override
  public void onMessage(IncomingMessage message) {
    deliveries.accept(message);
  }

  @Override
  public void onPresence(List<String> online) {
    application.onPresence(online);
  }

  @Override
  public void onPresenceChange(String username, boolean online) {
    application.onPresenceChange(username, online);
  }

  @Override
  public void onDisconnected(ServerFrame.Bye bye) {
    application.onDisconnected(bye);
  }

  @Override
  public void onReconnecting(int attempt, Duration wait, Throwable lastFailure) {
    application.onReconnecting(attempt, wait, lastFailure);
  }

  @Override
  public void onReconnected(LoginInfo info) {
    application.onReconnected(info);
  }

  @Override
  public void onReconnectAbandoned(Throwable cause) {
    application.onReconnectAbandoned(cause);
  }

  @Override
  public void onSendingHeld(ErrorCode reason, int waiting, Duration retryIn) {
    application.onSendingHeld(reason, waiting, retryIn);
  }

  @Override
  public void onSendingResumed() {
    application.onSendingResumed();
  }
}
