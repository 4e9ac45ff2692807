package dev.securechat.server.it;

import static org.awaitility.Awaitility.await;

import dev.securechat.client.e2e.MessengerListener;
import dev.securechat.client.e2e.ReceivedText;
import dev.securechat.client.e2e.SecureMessenger;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.protocol.Stream;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real end-to-end messenger that records what it is told. */
final class TestMessenger implements MessengerListener, AutoCloseable {
  final List<ReceivedText> texts = new CopyOnWriteArrayList<>();
  final List<String> undecryptable = new CopyOnWriteArrayList<>();
  final List<String> identityChanges = new CopyOnWriteArrayList<>();
  final SecureMessenger messenger;
  final String name;

  TestMessenger(ClientTransport transport, Path stateDir, SecureChatServer server, String name) {
    this(transport, stateDir, server, name, Clock.systemUTC());
  }

  TestMessenger(
      ClientTransport transport, Path stateDir, SecureChatServer server, String name, Clock clock) {
    this.name = name;
    this.messenger =
        new SecureMessenger(transport, stateDir, this, clock, SecureMessenger.StoreCost.TESTS_ONLY);
    messenger
        .connect(
            server.chatAddress().getHostString(),
            server.chatAddress().getPort(),
            TestClient.TIMEOUT)
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

  @Override
  public void close() {
    messenger.close();
  }
}
