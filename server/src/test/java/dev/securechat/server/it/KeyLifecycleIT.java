package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.crypto.keys.OneTimePreKey;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys over time: forward secrecy on disk, restarts, and signed-prekey rotation. */
class KeyLifecycleIT {
  @TempDir Path dir;
  SecureChatServer server;
  ClientTransport transport;
  final List<TestMessenger> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir.resolve("server"));
    transport = new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
  }

  @AfterEach
  void stop() {
    open.forEach(TestMessenger::close);
    transport.close();
    server.close();
  }

  TestMessenger person(String name, java.time.Clock clock) {
    TestMessenger m =
        new TestMessenger(transport, dir.resolve("client-" + name), server, name, clock);
    open.add(m);
    return m;
  }

  @Test
  void aReadMessageCannotBeDecryptedAgainFromTheSavedState() throws Exception {
    var clock = java.time.Clock.systemUTC();
    TestMessenger alice = person("alice", clock).register().login();
    TestMessenger bob = person("bob", clock).register();
    alice.send("bob", "forward-secret-1");
    byte[] envelope = queuedEnvelopeFor("bob");

    bob.login();
    bob.awaitSeen("@alice:forward-secret-1");
    bob.close();
    open.remove(bob);

    // Bob's process starts again from its files; the same ciphertext arrives once more.
    TestMessenger bobAgain = person("bob", clock).login();
    alice.messenger.chat().send("bob", envelope).join();
    await().atMost(Duration.ofSeconds(10)).until(() -> !bobAgain.undecryptable.isEmpty());
    assertThat(bobAgain.seen()).doesNotContain("@alice:forward-secret-1");
    alice.send("bob", "forward-secret-2");
    bobAgain.awaitSeen("@alice:forward-secret-2");

    // Nothing readable at rest on Bob's side either: secrets are sealed, texts are not kept.
    try (var files = Files.walk(dir.resolve("client-bob"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(content).as(f.toString()).doesNotContain("forward-secret", TestClient.PASSWORD);
      }
    }
  }

  @Test
  void signedPrekeysRotateAndNewSessionsUseTheNewOnes() {
    MutableClock clock = new MutableClock(Instant.now());
    TestMessenger alice = person("alice", clock).register().login();
    TestMessenger bob = person("bob", clock).register().login();
    int firstSet = signedPreKeyId(bob, "alice");

    clock.advance(Duration.ofDays(8));
    alice.close();
    open.remove(alice);
    TestMessenger aliceLater = person("alice", clock).login();
    await().atMost(Duration.ofSeconds(20)).until(() -> signedPreKeyId(bob, "alice") != firstSet);

    assertThat(auditEvents("key-change")).contains("alice");
    bob.send("alice", "after rotation");
    aliceLater.awaitSeen("@bob:after rotation");
    aliceLater.send("bob", "reply");
    bob.awaitSeen("@alice:reply");
  }

  @Test
  void oneTimePrekeysAreHandedOutOnceAndConsumed() {
    var clock = java.time.Clock.systemUTC();
    TestMessenger alice = person("alice", clock).register().login();
    TestMessenger bob = person("bob", clock).register().login();
    ServerFrame.Bundle first = bob.messenger.chat().fetchBundle("alice").join();
    ServerFrame.Bundle second = bob.messenger.chat().fetchBundle("alice").join();
    assertThat(first.oneTimePreKey()).isPresent();
    assertThat(second.oneTimePreKey()).isPresent();
    assertThat(first.oneTimePreKey().get().id()).isNotEqualTo(second.oneTimePreKey().get().id());
    bob.send("alice", "uses a one-time prekey");
    alice.awaitSeen("@bob:uses a one-time prekey");
  }

  private static int signedPreKeyId(TestMessenger asker, String whose) {
    try {
      ServerFrame.Bundle b = asker.messenger.chat().fetchBundle(whose).join();
      return PublicBundle.parse(
              whose,
              b.identityKey(),
              b.keyBundle(),
              b.oneTimePreKey().map(k -> new OneTimePreKey(k.id(), k.publicKey())))
          .signedPreKey()
          .id();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The users named in audit rows of {@code event}, read from the server's database file. */
  private List<String> auditEvents(String event) {
    String url = "jdbc:sqlite:" + dir.resolve("server").resolve("securechat.db");
    try (var c = DriverManager.getConnection(url);
        var ps = c.prepareStatement("SELECT username FROM audit_log WHERE event = ?")) {
      ps.setString(1, event);
      List<String> out = new ArrayList<>();
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] queuedEnvelopeFor(String user) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("server").resolve("securechat.db");
    try (var c = DriverManager.getConnection(url);
        var ps =
            c.prepareStatement(
                "SELECT q.envelope FROM queue q JOIN users u ON u.id = q.recipient_id"
                    + " WHERE u.username = ? ORDER BY q.qseq")) {
      ps.setString(1, user);
      try (var rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }
}
