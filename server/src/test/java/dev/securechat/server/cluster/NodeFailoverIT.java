package dev.securechat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.it.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in a JVM of its own dies with clients connected, as a crashed machine would: its users'
 * leases run out, others see them go offline, and when they reconnect through another node nothing
 * they sent or were sent is lost, doubled or reordered.
 */
class NodeFailoverIT {
  @TempDir Path dir;
  ClusterFixture cluster;
  ClientTransport transport;
  ServerProcess doomed;
  final List<NodeClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    cluster = ClusterFixture.create(dir);
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(NodeClient::close);
    transport.close();
    if (doomed != null) {
      doomed.close();
    }
    cluster.close();
  }

  NodeClient client(String name) {
    NodeClient c = new NodeClient(transport, dir.resolve("client-" + name), name);
    clients.add(c);
    return c;
  }

  @Test
  void clientsOfAKilledNodeReconnectElsewhereAndLoseNothing() throws Exception {
    SecureChatServer survivor = cluster.start("survivor", 30);
    Map<String, String> settings = cluster.config("doomed", 30);
    // ServerProcess picks the ports (its clients must find them) and waits for /health.
    settings.remove("server.port");
    settings.remove("dashboard.port");
    Path home = Files.createDirectories(dir.resolve("doomed"));
    doomed = new ServerProcess(home, home, settings).startAndAwaitReady();

    NodeClient alice = client("alice").connect(doomed.chatAddress()).register();
    alice.login();
    NodeClient bob = client("bob").connect(survivor.chatAddress()).register();
    bob.login();
    await().atMost(NodeClient.WAIT).until(() -> bob.users().get("alice"));
    for (int i = 1; i <= 3; i++) {
      bob.send("alice", "b" + i);
    }
    alice.send("bob", "a1");
    alice.awaitDirects(3);
    bob.awaitDirects(1);

    // Handed to the client library, maybe not yet stored, when the node dies.
    for (int i = 2; i <= 4; i++) {
      alice.sendLater("bob", "a" + i);
    }
    doomed.kill();
    await().atMost(NodeClient.WAIT).until(() -> !alice.client.isConnected());

    // Nobody renews alice's lease now: within about 3 s she shows offline everywhere.
    await().atMost(NodeClient.WAIT).until(() -> bob.presence.contains("alice-"));
    assertThat(bob.users()).containsEntry("alice", false);
    for (int i = 4; i <= 6; i++) {
      bob.send("alice", "b" + i);
    }

    alice.connect(survivor.chatAddress()).resume();
    await().atMost(Duration.ofSeconds(20)).until(() -> alice.directs().size() >= 6);
    assertThat(alice.directs())
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 6).mapToObj(i -> "bob:b" + i).toList());
    await().atMost(Duration.ofSeconds(20)).until(() -> bob.directs().size() >= 4);
    assertThat(bob.directs())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 4).mapToObj(i -> "alice:a" + i).toList());
    await().atMost(NodeClient.WAIT).until(() -> alice.client.outbox().isEmpty());
    assertThat(bob.presence).endsWith("alice+");
  }
}
