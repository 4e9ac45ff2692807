package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.ClientOptions;
import dev.securechat.client.DeliveryObserver;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.client.state.HistoryEntry;
import dev.securechat.protocol.Stream;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiving client killed between receiving a message and acknowledging it gets the message again
 * at its next login and shows it exactly once.
 *
 * <p>How "killed" is made real: the receiver runs in a JVM of its own ({@link CrashingReceiver})
 * with a {@link DeliveryObserver} that parks the connection's thread at exactly one step of the
 * delivery, and prints that it did; the test then kills that process with SIGKILL. Nothing after
 * the step runs (the ack would be sent by that same thread after the read burst), the process
 * leaves no goodbye, the kernel drops its connection, and whatever it had not committed to its
 * SQLite file is gone, as after a power cut of the program. Freezing first and killing second makes
 * the moment exact without a race, which a timed {@code kill -9} of a running client could not. The
 * same device then logs in again in this JVM, on the same state folder.
 */
class ClientCrashIT {
  @TempDir Path dir;
  SecureChatServer server;
  ClientTransport transport;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir.resolve("server"));
    transport = new ClientTransport(new KnownServers(known()), TrustOnFirstUse.ALWAYS);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    transport.close();
    server.close();
  }

  private Path known() {
    return dir.resolve("known_servers");
  }

  /** Bob has an account and keys on his device, and is offline; Alice wrote him once. */
  private void aliceWritesToOfflineBob() {
    new TestMessenger(transport, dir.resolve("bob"), server, "bob").register().close();
    TestMessenger alice = new TestMessenger(transport, dir.resolve("alice"), server, "alice");
    open.add(alice);
    alice.register().login().send("bob", "first");
  }

  /** Bob's device, in its own JVM, logs in and freezes at {@code step} of the delivery. */
  private ChildJvm bobFreezesAt(String step) throws Exception {
    ChildJvm bob =
        ChildJvm.start(
            dir,
            CrashingReceiver.class.getName(),
            List.of(
                server.chatAddress().getHostString(),
                String.valueOf(server.chatAddress().getPort()),
                dir.resolve("bob").toString(),
                known().toString(),
                "bob",
                step));
    open.add(bob);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              if (!bob.isAlive()) {
                throw new AssertionError("bob's client ended early:\n" + bob.output());
              }
              return bob.output().contains("FROZEN " + step + " 1");
            });
    return bob;
  }

  /** Bob's device again, in this JVM, recording every delivery it gets. */
  private TestMessenger bobAgain(List<String> deliveries) {
    DeliveryObserver record =
        new DeliveryObserver() {
          @Override
          public void received(Stream stream, long qseq, boolean duplicate) {
            deliveries.add(stream + "#" + qseq + (duplicate ? " again" : " new"));
          }
        };
    TestMessenger bob =
        new TestMessenger(
            transport,
            dir.resolve("bob"),
            server.chatAddress(),
            "bob",
            ClientOptions.defaults().observing(record));
    open.add(bob);
    return bob.login();
  }

  @Test
  void killedBeforeCommittingItShowsTheMessageOnceAfterwards() throws Exception {
    aliceWritesToOfflineBob();
    ChildJvm crashed = bobFreezesAt("received");
    crashed.kill();
    assertThat(crashed.output()).doesNotContain("SHOWN");
    assertThat(queuedFor("bob")).as("not acknowledged, so still queued").isEqualTo(1);

    List<String> deliveries = new CopyOnWriteArrayList<>();
    TestMessenger bob = bobAgain(deliveries);
    bob.awaitSeen("@alice:first");
    await().atMost(Duration.ofSeconds(10)).until(() -> queuedFor("bob") == 0);

    assertThat(deliveries).containsExactly("DIRECT#1 new");
    assertThat(bob.seen()).containsExactly("@alice:first");
    assertThat(bob.undecryptable).isEmpty();
    assertThat(received(bob)).containsExactly("first");
  }

  @Test
  void killedAfterCommittingButBeforeItsAckItIsRedeliveredAndNotShownAgain() throws Exception {
    aliceWritesToOfflineBob();
    ChildJvm crashed = bobFreezesAt("committed");
    crashed.kill();
    assertThat(crashed.output().lines().filter(l -> l.startsWith("SHOWN")))
        .containsExactly("SHOWN alice first");
    assertThat(queuedFor("bob")).as("the ack never left, so still queued").isEqualTo(1);

    List<String> deliveries = new CopyOnWriteArrayList<>();
    TestMessenger bob = bobAgain(deliveries);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(deliveries).contains("DIRECT#1 again"));
    await().atMost(Duration.ofSeconds(10)).until(() -> queuedFor("bob") == 0);

    assertThat(deliveries).containsExactly("DIRECT#1 again");
    assertThat(bob.texts).as("shown before the crash, not again").isEmpty();
    assertThat(bob.undecryptable).isEmpty();
    assertThat(received(bob)).as("stored once in the history").containsExactly("first");
  }

  /** The texts in the device's sealed history that it received. */
  private static List<String> received(TestMessenger m) {
    return m.messenger.history().last(50, Optional.empty()).stream()
        .filter(e -> e.direction() == HistoryEntry.Direction.RECEIVED)
        .map(HistoryEntry::body)
        .toList();
  }

  /** Messages the server still holds for {@code user}, read through a connection of our own. */
  private long queuedFor(String user) throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("server").resolve("securechat.db");
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM queue q JOIN users u ON u.id = q.recipient_id"
                    + " WHERE u.username = ?")) {
      ps.setString(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
