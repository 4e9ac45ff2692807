package dev.securechat.server.it;

import static org.awaitility.Awaitility.await;

import dev.securechat.client.ChatClient;
import dev.securechat.client.ChatListener;
import dev.securechat.client.IncomingMessage;
import dev.securechat.client.LoginInfo;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.testing.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real client library instance that records everything it is told. */
class TestClient implements ChatListener, AutoCloseable {
  static final String PASSWORD = TestAccounts.PASSWORD;
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
  final List<String> presence = new CopyOnWriteArrayList<>();
  final List<ServerFrame.Bye> byes = new CopyOnWriteArrayList<>();
  final ChatClient client;
  private final SecureChatServer server;

  TestClient(ClientTransport transport, Path stateDir, SecureChatServer server) {
    this.server = server;
    this.client = new ChatClient(transport, stateDir, this, Clock.systemUTC());
  }

  TestClient connect() {
    client
        .connect(server.chatAddress().getHostString(), server.chatAddress().getPort(), TIMEOUT)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
    return this;
  }

  TestClient register(String name) {
    client
        .register(name, PASSWORD.toCharArray(), TestAccounts.keys())
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
    return this;
  }

  LoginInfo login(String name) {
    return client.login(name, PASSWORD.toCharArray()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  void send(String to, String text) {
    client.send(to, text.getBytes(StandardCharsets.UTF_8)).orTimeout(10, TimeUnit.SECONDS).join();
  }

  void broadcast(String text) {
    client.broadcast(text.getBytes(StandardCharsets.UTF_8)).orTimeout(10, TimeUnit.SECONDS).join();
  }

  List<String> texts() {
    List<String> out = new ArrayList<>();
    for (IncomingMessage m : messages) {
      out.add(m.from() + ":" + new String(m.envelope(), StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableList(out);
  }

  void awaitTexts(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> messages.size() >= count);
  }

  @Override
  public void onMessage(IncomingMessage message) {
    messages.add(message);
  }

  @Override
  public void onPresenceChange(String username, boolean online) {
    presence.add(username + (online ? "+" : "-"));
  }

  @Override
  public void onDisconnected(ServerFrame.Bye bye) {
    if (bye != null) {
      byes.add(bye);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** A listener for clients whose messages a test does not look at. */
  static final class Quiet implements ChatListener {
    @Override
    public void onMessage(IncomingMessage message) {}
  }
}
