package dev.securechat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test's own Redis stops and starts again while two nodes carry traffic. Nodes keep serving
 * without it, deliver by polling the store, refuse writes from a session replaced meanwhile, and
 * catch up at once when Redis returns.
 */
class RedisOutageIT {
  @TempDir Path dir;
  ClusterFixture cluster;
  ClientTransport transport;
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
    cluster.close();
  }

  NodeClient online(String name, String device, SecureChatServer node, boolean register) {
    NodeClient c = new NodeClient(transport, dir.resolve("client-" + device), name);
    clients.add(c);
    c.connect(node.chatAddress());
    if (register) {
      c.register();
    }
    c.login();
    return c;
  }

  /**
   * Polls are a minute apart here, longer than any wait: what arrives after Redis returns came from
   * the catch-up that a re-subscription starts, and from notices.
   */
  @Test
  void nodesKeepServingAndCatchUpWhenRedisReturns() throws Exception {
    SecureChatServer n1 = cluster.start("n1", 60);
    SecureChatServer n2 = cluster.start("n2", 60);
    NodeClient alice = online("alice", "alice", n1, true);
    NodeClient carol = online("carol", "carol", n1, true);
    NodeClient bob = online("bob", "bob", n2, true);
    NodeClient erin = online("erin", "erin-laptop", n1, true);
    bob.send("alice", "before");
    alice.awaitDirects(1);

    cluster.redis.stop();
    // The node stays healthy for the load balancer; /health only reports Redis.
    HttpClient http = HttpClient.newHttpClient();
    URI health = n1.dashboardUri().orElseThrow().resolve("/health");
    await()
        .atMost(NodeClient.WAIT)
        .untilAsserted(
            () -> {
              HttpResponse<String> h =
                  http.send(HttpRequest.newBuilder(health).build(), BodyHandlers.ofString());
              assertThat(h.statusCode()).isEqualTo(200);
              assertThat(h.body()).contains("\"redis\":\"down\"");
            });

    carol.send("alice", "same node"); // pushed from memory, Redis or not
    await().atMost(NodeClient.WAIT).until(() -> alice.directs().contains("carol:same node"));
    for (int i = 1; i <= 3; i++) {
      bob.send("alice", "during " + i); // stored in PostgreSQL; the notice cannot be sent
    }
    NodeClient dave = online("dave", "dave", n2, true); // logins go on
    assertThat(dave.users()).containsKeys("alice", "bob", "carol", "dave", "erin");

    // erin logs in again on n2; n1 cannot be told, so its session lives on, but may not write.
    online("erin", "erin-phone", n2, false);
    erin.sendLater("bob", "from the replaced session");
    await()
        .atMost(NodeClient.WAIT)
        .untilAsserted(
            () ->
                assertThat(erin.byes)
                    .extracting(ServerFrame.Bye::code)
                    .contains(ErrorCode.SESSION_REPLACED));
    assertThat(erin.client.outbox()).hasSize(1); // refused, so kept for a later session
    // No notice, no poll for a minute: bob's messages wait in PostgreSQL.
    assertThat(alice.directs()).containsExactly("bob:before", "carol:same node");

    cluster.redis.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> alice.directs().size() >= 5);
    assertThat(alice.directs())
        .containsExactly(
            "bob:before", "carol:same node", "bob:during 1", "bob:during 2", "bob:during 3");
    bob.send("alice", "after");
    alice.awaitDirects(6);
    assertThat(alice.directs().getLast()).isEqualTo("bob:after");
    assertThat(bob.directs()).isEmpty();
  }

  /** With Redis gone for good, the store poll alone moves messages between nodes. */
  @Test
  void pollingDeliversWhileRedisIsDown() throws Exception {
    SecureChatServer n1 = cluster.start("n1", 2);
    SecureChatServer n2 = cluster.start("n2", 2);
    NodeClient alice = online("alice", "alice", n1, true);
    NodeClient bob = online("bob", "bob", n2, true);

    cluster.redis.stop();
    bob.send("alice", "polled");
    alice.send("bob", "polled too");
    bob.broadcast("to everyone");

    alice.awaitDirects(1);
    bob.awaitDirects(1);
    assertThat(alice.directs()).containsExactly("bob:polled");
    assertThat(bob.directs()).containsExactly("alice:polled too");
    await()
        .atMost(NodeClient.WAIT)
        .until(() -> alice.texts(dev.securechat.protocol.Stream.BROADCAST).size() == 1);
  }
}
