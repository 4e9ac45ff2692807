package dev.securechat.server.cluster;

import static org.awaitility.Awaitility.await;

import dev.securechat.client.ChatClient;
import dev.securechat.client.ChatListener;
import dev.securechat.client.IncomingMessage;
import dev.securechat.client.LoginInfo;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import dev.securechat.server.testing.TestAccounts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One device of one account through the real client library, which can connect to any node: as
 * behind a load balancer, a reconnect may land elsewhere. Records what it is told.
 */
final class NodeClient implements ChatListener, AutoCloseable {
  static final String PASSWORD = TestAccounts.PASSWORD;
  static final Duration WAIT = Duration.ofSeconds(15);

  final String name;
  final ChatClient client;
  final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
  final List<String> presence = new CopyOnWriteArrayList<>();
  final List<List<String>> presenceLists = new CopyOnWriteArrayList<>();
  final List<ServerFrame.Bye> byes = new CopyOnWriteArrayList<>();

  NodeClient(ClientTransport transport, Path stateDir, String name) {
    this.name = name;
    this.client = new ChatClient(transport, stateDir, this, Clock.systemUTC());
  }

  NodeClient connect(InetSocketAddress node) {
    client
        .connect(node.getHostString(), node.getPort(), WAIT)
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
    return this;
  }

  NodeClient register() {
    client
        .register(name, PASSWORD.toCharArray(), TestAccounts.keys())
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
    return this;
  }

  LoginInfo login() {
    return client.login(name, PASSWORD.toCharArray()).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** Logs in again with the device token, as a reconnecting client does. */
  LoginInfo resume() {
    return client.resume(name).orTimeout(20, TimeUnit.SECONDS).join();
  }

  void send(String to, String text) {
    sendLater(to, text).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** Commits the message to the outbox and sends it, without waiting for the server. */
  CompletableFuture<Void> sendLater(String to, String text) {
    return client.send(to, text.getBytes(StandardCharsets.UTF_8));
  }

  void broadcast(String text) {
    client.broadcast(text.getBytes(StandardCharsets.UTF_8)).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** Every account and whether the server says it is online. */
  Map<String, Boolean> users() {
    return client.users().orTimeout(20, TimeUnit.SECONDS).join().stream()
        .collect(Collectors.toMap(ServerFrame.UserEntry::username, ServerFrame.UserEntry::online));
  }

  /** What arrived on a stream, as "from:text", in arrival order. */
  List<String> texts(Stream stream) {
    List<String> out = new ArrayList<>();
    for (IncomingMessage m : messages) {
      if (m.stream() == stream) {
        out.add(m.from() + ":" + new String(m.envelope(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  List<String> directs() {
    return texts(Stream.DIRECT);
  }

  void awaitDirects(int count) {
    await().atMost(WAIT).until(() -> directs().size() >= count);
  }

  @Override
  public void onMessage(IncomingMessage message) {
    messages.add(message);
  }

  @Override
  public void onPresence(List<String> online) {
    presenceLists.add(List.copyOf(online));
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
}
