package dev.securechat.server.it;

import static org.awaitility.Awaitility.await;

import dev.securechat.client.ClientOptions;
import dev.securechat.client.LoginInfo;
import dev.securechat.client.e2e.MessengerListener;
import dev.securechat.client.e2e.ReceivedText;
import dev.securechat.client.e2e.SecureMessenger;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.state.HistoryEntry;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Stream;
import dev.securechat.server.SecureChatServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real end-to-end messenger that records what it is told. */
final class TestMessenger implements MessengerListener, AutoCloseable {
  final List<ReceivedText> texts = new CopyOnWriteArrayList<>();
  final List<String> undecryptable = new CopyOnWriteArrayList<>();
  final List<String> identityChanges = new CopyOnWriteArrayList<>();

  /** What the library said about the session and the outbox: reconnected, held, resumed. */
  final List<String> connectivity = new CopyOnWriteArrayList<>();

  final SecureMessenger messenger;
  final String name;

  TestMessenger(ClientTransport transport, Path stateDir, SecureChatServer server, String name) {
    this(transport, stateDir, server, name, Clock.systemUTC());
  }

  TestMessenger(
      ClientTransport transport, Path stateDir, SecureChatServer server, String name, Clock clock) {
    this(transport, stateDir, server.chatAddress(), name, clock, ClientOptions.defaults());
  }

  /** A messenger for a server at {@code address} (one in another process), with {@code options}. */
  TestMessenger(
      ClientTransport transport,
      Path stateDir,
      InetSocketAddress address,
      String name,
      ClientOptions options) {
    this(transport, stateDir, address, name, Clock.systemUTC(), options);
  }

  private TestMessenger(
      ClientTransport transport,
      Path stateDir,
      InetSocketAddress address,
      String name,
      Clock clock,
      ClientOptions options) {
    this.name = name;
    this.messenger =
        new SecureMessenger(
            transport, stateDir, this, clock, SecureMessenger.StoreCost.TESTS_ONLY, options);
    messenger
        .connect(address.getHostString(), address.getPort(), TestClient.TIMEOUT)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  TestMessenger register() {
    messenger
        .register(name, TestClient.PASSWORD.toCharArray())
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
    return this;
  }

  TestMessenger login() {
    messenger.login(name, TestClient.PASSWORD.toCharArray()).orTimeout(20, TimeUnit.SECONDS).join();
    return this;
  }

  void send(String to, String text) {
    messenger.send(to, text).orTimeout(20, TimeUnit.SECONDS).join();
  }

  void broadcast(String text) {
    messenger.broadcast(text).orTimeout(20, TimeUnit.SECONDS).join();
  }

  List<String> seen() {
    return texts.stream()
        .map(t -> (t.stream() == Stream.DIRECT ? "@" : "*") + t.from() + ":" + t.body())
        .toList();
  }

  void awaitSeen(String... expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(seen()).contains(expected));
  }

  @Override
  public void onText(ReceivedText text) {
    texts.add(text);
  }

  @Override
  public void onUndecryptable(Stream stream, String from, long qseq) {
    undecryptable.add(from + "#" + qseq);
  }

  @Override
  public void onIdentityChanged(String peer) {
    identityChanges.add(peer);
  }

  /**
   * What this device sent to {@code peer}, in the order the messages were committed to its outbox
   * (its sealed history is written in the same transaction), which is the order the server must
   * keep. Sends made without waiting may commit in another order than they were called in.
   */
  List<String> sentTo(String peer) {
    return messenger.history().last(10_000, Optional.of(peer)).stream()
        .filter(e -> e.direction() == HistoryEntry.Direction.SENT)
        .map(HistoryEntry::body)
        .toList();
  }

  /** How often the library logged in again by itself. */
  long reconnects() {
    return connectivity.stream().filter("reconnected"::equals).count();
  }

  @Override
  public void onReconnected(LoginInfo info) {
    connectivity.add("reconnected");
  }

  @Override
  public void onSendingHeld(ErrorCode reason, int waiting, Duration retryIn) {
    connectivity.add("held:" + reason);
  }

  @Override
  public void onSendingResumed() {
    connectivity.add("resumed");
  }

  @Override
  public void close() {
    messenger.close();
  }
}
