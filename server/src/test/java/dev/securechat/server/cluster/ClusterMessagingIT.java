package dev.securechat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerConnection;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import dev.securechat.server.SecureChatServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in this JVM sharing one PostgreSQL database and one Redis: clients on different nodes
 * talk, see each other, and move between nodes. Polls are 30 s apart and every wait here is
 * shorter, so what arrives came through Redis notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterMessagingIT {
  Path dir;
  ClusterFixture cluster;
  SecureChatServer n1;
  SecureChatServer n2;
  SecureChatServer n3;
  ClientTransport transport;
  final List<NodeClient> clients = new ArrayList<>();

  @BeforeAll
  void startCluster(@TempDir Path dir) throws Exception {
    this.dir = dir;
    cluster = ClusterFixture.create(dir);
    n1 = cluster.start("n1", 30);
    n2 = cluster.start("n2", 30);
    n3 = cluster.start("n3", 30);
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
  }

  @AfterAll
  void stopCluster() throws Exception {
    clients.forEach(NodeClient::close);
    if (transport != null) {
      transport.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  NodeClient online(String name, SecureChatServer node) {
    NodeClient c = new NodeClient(transport, dir.resolve("client-" + name), name);
    clients.add(c);
    c.connect(node.chatAddress()).register().login();
    return c;
  }

  @Test
  void directMessagesAndBroadcastsCrossNodes() {
    NodeClient alice = online("alice", n1);
    NodeClient bob = online("bob", n2);
    NodeClient carol = online("carol", n3);

    for (int i = 1; i <= 5; i++) {
      alice.send("bob", "a" + i);
    }
    bob.send("alice", "b1");
    carol.send("alice", "c1");
    alice.broadcast("hello all");

    bob.awaitDirects(5);
    assertThat(bob.directs())
        .containsExactly("alice:a1", "alice:a2", "alice:a3", "alice:a4", "alice:a5");
    alice.awaitDirects(2);
    assertThat(alice.directs()).containsExactlyInAnyOrder("bob:b1", "carol:c1");
    for (NodeClient c : List.of(bob, carol)) {
      await()
          .atMost(NodeClient.WAIT)
          .untilAsserted(
              () -> assertThat(c.texts(Stream.BROADCAST)).containsExactly("alice:hello all"));
    }
    assertThat(alice.texts(Stream.BROADCAST)).isEmpty();
  }

  @Test
  void presenceSpansTheCluster() {
    NodeClient dave = online("dave", n1);
    NodeClient erin = online("erin", n2);

    // Presence follows LoginOk once the lease is claimed.
    await().atMost(NodeClient.WAIT).until(() -> !erin.presenceLists.isEmpty());
    assertThat(erin.presenceLists.getFirst()).contains("dave", "erin");
    await().atMost(NodeClient.WAIT).until(() -> dave.presence.contains("erin+"));
    assertThat(dave.users()).containsEntry("erin", true).containsEntry("dave", true);

    erin.close();
    clients.remove(erin);
    await().atMost(NodeClient.WAIT).until(() -> dave.presence.contains("erin-"));
    assertThat(dave.users()).containsEntry("erin", false);
  }

  /**
   * The same device logs in through another node while its first connection is still open: the
   * first session is closed with SESSION_REPLACED, and every message sent around the switch arrives
   * once, in order.
   */
  @Test
  void aSecondLoginOnAnotherNodeClosesTheFirst() {
    NodeClient frank = online("frank", n1);
    NodeClient grace = online("grace", n3);
    for (int i = 1; i <= 3; i++) {
      grace.send("frank", "g" + i);
    }
    frank.awaitDirects(3);

    for (int i = 4; i <= 6; i++) {
      grace.sendLater("frank", "g" + i);
    }
    // The client reports only its current connection's end, so the first one is watched here.
    ServerConnection first = frank.client.connection();
    frank.connect(n2.chatAddress()).resume();
    for (int i = 7; i <= 9; i++) {
      grace.send("frank", "g" + i);
    }
    frank.send("grace", "from the second node");

    await()
        .atMost(NodeClient.WAIT)
        .untilAsserted(
            () -> {
              assertThat(first.isOpen()).isFalse();
              assertThat(first.bye())
                  .extracting(ServerFrame.Bye::code)
                  .isEqualTo(ErrorCode.SESSION_REPLACED);
            });
    assertThat(frank.byes).isEmpty();
    assertThat(frank.client.isConnected()).isTrue();
    await().atMost(NodeClient.WAIT).until(() -> frank.directs().size() >= 9);
    assertThat(frank.directs())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 9).mapToObj(i -> "grace:g" + i).toList());
    grace.awaitDirects(1);
    assertThat(grace.directs()).containsExactly("frank:from the second node");
  }

  @Test
  void dashboardAndMetricsShowTheNodes() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI base = n1.dashboardUri().orElseThrow();

    await()
        .atMost(NodeClient.WAIT)
        .untilAsserted(
            () -> {
              String metrics = get(http, base.resolve("/metrics"), null).body();
              assertThat(metrics)
                  .contains("securechat_cluster_nodes{state=\"up\"} 3.0")
                  .contains("securechat_cluster_nodes{state=\"down\"} 0.0")
                  .contains("securechat_cluster_redis_connected 1.0")
                  .containsPattern("securechat_build_info\\{[^}]*node=\"n1\"");
            });

    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "password="
                            + URLEncoder.encode(
                                ClusterFixture.ADMIN_PASSWORD, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(303);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    JsonNode status =
        new ObjectMapper().readTree(get(http, base.resolve("/api/status"), cookie).body());
    assertThat(status.get("node").asText()).isEqualTo("n1");
    JsonNode view = status.get("cluster");
    assertThat(view.get("enabled").asBoolean()).isTrue();
    assertThat(view.get("redisConnected").asBoolean()).isTrue();
    assertThat(view.get("nodesUp").asLong()).isEqualTo(3);
    List<String> names = new ArrayList<>();
    view.get("nodes").forEach(n -> names.add(n.get("node").asText()));
    assertThat(names).containsExactly("n1", "n2", "n3");
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String cookie)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
