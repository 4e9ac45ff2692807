package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.Stream;
import dev.securechat.server.SecureChatServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Direct messages, broadcasts, ordering, acks and durability through the real client library. */
class MessagingIT {
  @TempDir Path dir;
  SecureChatServer server;
  ClientTransport transport;
  final List<TestClient> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir.resolve("server"));
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
  }

  @AfterEach
  void stop() {
    open.forEach(TestClient::close);
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  TestClient client(String name) {
    TestClient c = new TestClient(transport, dir.resolve("client-" + name), server).connect();
    open.add(c);
    return c;
  }

  TestClient online(String name) {
    TestClient c = client(name);
    c.register(name);
    c.login(name);
    return c;
  }

  @Test
  void directMessageReachesAConnectedUser() {
    TestClient alice = online("alice");
    TestClient bob = online("bob");
    alice.send("bob", "hello bob");
    bob.awaitTexts(1);
    assertThat(bob.texts()).containsExactly("alice:hello bob");
    assertThat(bob.messages.getFirst().stream()).isEqualTo(Stream.DIRECT);
    assertThat(alice.messages).isEmpty();
  }

  @Test
  void directMessageToAnAbsentUserIsDeliveredAtLogin() {
    TestClient bob = client("bob");
    bob.register("bob");
    TestClient alice = online("alice");
    alice.send("bob", "while you were out");
    alice.send("Bob", "second");
    bob.login("bob");
    bob.awaitTexts(2);
    assertThat(bob.texts()).containsExactly("alice:while you were out", "alice:second");
  }

  @Test
  void broadcastReachesEveryoneIncludingTheAbsentButNotLaterAccounts() {
    TestClient alice = online("alice");
    TestClient bob = online("bob");
    TestClient carol = client("carol");
    carol.register("carol");
    alice.broadcast("hello all");
    TestClient dave = online("dave");
    bob.awaitTexts(1);
    carol.login("carol");
    carol.awaitTexts(1);
    alice.broadcast("second");
    dave.awaitTexts(1);
    bob.awaitTexts(2);
    assertThat(bob.texts()).containsExactly("alice:hello all", "alice:second");
    assertThat(carol.texts()).startsWith("alice:hello all");
    assertThat(dave.texts()).containsExactly("alice:second");
    assertThat(alice.messages).isEmpty();
    assertThat(bob.messages).allSatisfy(m -> assertThat(m.stream()).isEqualTo(Stream.BROADCAST));
  }

  @Test
  void messagesFromOneSenderArriveInOrder() {
    TestClient alice = online("alice");
    TestClient bob = online("bob");
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sent.add(alice.client.send("bob", ("m" + i).getBytes(StandardCharsets.UTF_8)));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
    bob.awaitTexts(300);
    assertThat(bob.texts())
        .containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> "alice:m" + i).toList());
    assertThat(alice.client.outbox()).isEmpty();
  }

  @Test
  void unknownRecipientIsAPermanentRejection() {
    TestClient alice = online("alice");
    CompletableFuture<Void> f = alice.client.send("nobody", new byte[] {1});
    assertThat(f).failsWithin(Duration.ofSeconds(10));
    assertThat(alice.client.outbox()).isEmpty();
  }

  @Test
  void oneAckCoversEverythingBeforeItAndNothingIsDeliveredTwice() {
    TestClient alice = online("alice");
    TestClient bob = client("bob");
    bob.register("bob");
    for (int i = 0; i < 5; i++) {
      alice.send("bob", "m" + i);
    }
    bob.login("bob");
    bob.awaitTexts(5);
    // The client acked once per read burst; after reconnecting nothing comes again.
    await().atMost(Duration.ofSeconds(5)).until(() -> pendingRows("bob") == 0);
    bob.client.connection().close();
    TestClient again = new TestClient(transport, dir.resolve("client-bob"), server).connect();
    open.add(again);
    again.client.resume("bob").join();
    alice.send("bob", "after");
    again.awaitTexts(1);
    assertThat(again.texts()).containsExactly("alice:after");
  }

  @Test
  void aMessageIsDurableBeforeItIsPushed() {
    TestClient alice = online("alice");
    List<Long> rowsSeenAtDelivery = new CopyOnWriteArrayList<>();
    TestClient bob =
        new TestClient(transport, dir.resolve("client-bob"), server) {
          @Override
          public void onMessage(dev.securechat.client.IncomingMessage m) {
            rowsSeenAtDelivery.add(pendingRows("bob"));
            super.onMessage(m);
          }
        }.connect();
    open.add(bob);
    bob.register("bob");
    bob.login("bob");
    for (int i = 0; i < 20; i++) {
      alice.send("bob", "m" + i);
    }
    bob.awaitTexts(20);
    // Read through another connection to the database file: each pushed message was committed.
    assertThat(rowsSeenAtDelivery).hasSize(20).allSatisfy(n -> assertThat(n).isPositive());
  }

  @Test
  void everyStoredMessageSurvivesARestart() throws Exception {
    TestClient bob = client("bob");
    bob.register("bob");
    bob.close();
    TestClient alice = online("alice");
    for (int i = 0; i < 50; i++) {
      alice.send("bob", "m" + i);
    }
    alice.broadcast("b");
    server.close();
    server =
        TestServer.start(dir.resolve("server"), java.util.Map.of("server.port", String.valueOf(0)));
    TestClient bob2 = client("bob");
    bob2.login("bob");
    bob2.awaitTexts(51);
    assertThat(bob2.texts()).hasSize(51).contains("alice:m0", "alice:m49", "alice:b");
  }

  long pendingRows(String user) {
    String url = "jdbc:sqlite:" + dir.resolve("server").resolve("securechat.db");
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM queue q JOIN users u ON u.id = q.recipient_id WHERE u.username = ?")) {
      ps.setString(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
