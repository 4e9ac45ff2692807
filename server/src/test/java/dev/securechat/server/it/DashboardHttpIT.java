package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.server.SecureChatServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP surface, spoken to as a script or Prometheus would: JSON, metrics, CSRF. */
class DashboardHttpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir static Path dir;
  static SecureChatServer server;
  static ClientTransport transport;
  static DashboardHttp http;
  static final AtomicInteger clientNo = new AtomicInteger();
  final List<TestClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("server"));
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
    http = new DashboardHttp(server);
  }

  @AfterAll
  static void stop() {
    transport.close();
    server.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(TestClient::close);
  }

  TestClient online(String name) {
    TestClient c =
        new TestClient(transport, dir.resolve("client-" + clientNo.incrementAndGet()), server)
            .connect();
    clients.add(c);
    c.register(name);
    c.login(name);
    return c;
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  @Test
  void healthAndMetricsNeedNoLogin() throws Exception {
    HttpResponse<String> health = http.get("/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode body = json(health);
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.at("/checks/database").asText()).isEqualTo("up");
    assertThat(body.at("/checks/redis").asText()).isEqualTo("off");
    HttpResponse<String> head =
        http.send(
            HttpRequest.newBuilder(http.uri("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(head.statusCode()).isEqualTo(200);

    HttpResponse<String> metrics = http.get("/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    Map<String, Double> samples = PrometheusText.parse(metrics.body());
    assertThat(samples.keySet())
        .anyMatch(k -> k.startsWith("securechat_messages_stored_total"))
        .anyMatch(k -> k.startsWith("securechat_messages_delivered_total"))
        .anyMatch(k -> k.startsWith("securechat_transport_received_bytes_total"))
        .anyMatch(k -> k.startsWith("securechat_logins_total{") && k.contains("result=\"failure\""))
        .anyMatch(k -> k.startsWith("securechat_connections"))
        .anyMatch(k -> k.startsWith("securechat_accounts_registered"))
        .anyMatch(k -> k.startsWith("securechat_queue_pending_messages"))
        .anyMatch(k -> k.startsWith("securechat_build_info{"))
        .anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
        .anyMatch(k -> k.startsWith("jvm_gc_"))
        .anyMatch(k -> k.startsWith("jvm_threads_live_threads"))
        .anyMatch(k -> k.startsWith("system_cpu_count"))
        .anyMatch(k -> k.startsWith("process_uptime_seconds"))
        .anyMatch(k -> k.startsWith("netty_allocator_memory_used{"));
  }

  @Test
  void openMetricsWhenTheScraperAsksForIt() throws Exception {
    HttpResponse<String> metrics =
        http.get("/metrics", null, Map.of("Accept", "application/openmetrics-text; version=1.0.0"));

    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
    assertThat(metrics.body()).endsWith("# EOF\n").contains("securechat_messages_stored_total");
  }

  @Test
  void everyPageAndApiNeedsASession() throws Exception {
    for (String path :
        List.of(
            "/api/status", "/api/clients", "/api/history", "/api/audit", "/api/accounts/locked")) {
      for (String cookie : Arrays.asList(null, "securechat_admin=forged")) {
        HttpResponse<String> response = http.get(path, cookie);
        assertThat(response.statusCode()).as(path).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("login required");
      }
    }
    for (String page : List.of("/", "/clients", "/audit")) {
      HttpResponse<String> response = http.get(page, null);
      assertThat(response.statusCode()).as(page).isEqualTo(303);
      assertThat(response.headers().firstValue("Location")).hasValue("/login");
    }
    assertThat(http.post("/api/sessions/alice/disconnect", null, Map.of(), "").statusCode())
        .isEqualTo(401);
    // A path that is not in plain form never reaches a route or a file.
    for (String probe :
        List.of(
            "/assets/../api/status",
            "/assets/%2e%2e/api/status",
            "/api%2fstatus",
            "/./api/status")) {
      assertThat(http.get(probe, null).statusCode()).as(probe).isEqualTo(400);
    }
    HttpResponse<String> login = http.get("/login", null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(p -> assertThat(p).contains("default-src 'self'"));
  }

  @Test
  void loginSetsAStrictHttpOnlyCookieAndOnlyForTheRightPassword() throws Exception {
    HttpResponse<String> wrong = http.login("not the password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(wrong.body()).contains("Wrong password.");

    HttpResponse<String> right = http.login(TestServer.ADMIN_PASSWORD);

    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(right.headers().firstValue("Location")).hasValue("/");
    String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("securechat_admin=")
        .contains("; HttpOnly")
        .contains("; SameSite=Strict")
        .contains("; Path=/")
        .doesNotContain("Secure")
        .doesNotContain("Max-Age");
    String session = cookie.substring(0, cookie.indexOf(';'));
    assertThat(http.get("/api/status", session).statusCode()).isEqualTo(200);
    assertThat(http.get("/", session).headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void statusClientsAndMetricsAgree() throws Exception {
    String session = http.session(TestServer.ADMIN_PASSWORD);
    TestClient alice = online("json-alice");
    TestClient bob = online("json-bob");
    for (int i = 0; i < 5; i++) {
      alice.send("json-bob", "hello " + i);
    }
    bob.awaitTexts(5);

    JsonNode clientList = json(http.get("/api/clients", session));
    assertThat(clientList.findValuesAsText("username")).contains("json-alice", "json-bob");
    for (JsonNode c : clientList) {
      assertThat(c.get("address").asText()).isEqualTo("127.0.0.1");
      assertThat(c.get("since").asText()).endsWith("Z");
      assertThat(c.get("bytesIn").asLong()).isPositive();
      assertThat(c.get("framesOut").asLong()).isPositive();
    }

    // Once a sample has been taken after the traffic (and the store figures refreshed), the JSON
    // and the scrape must show the same numbers: they read the same meters.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode status = json(http.get("/api/status", session));
              Map<String, Double> metrics = PrometheusText.parse(http.get("/metrics", null).body());
              long stored = status.at("/totals/messagesStored").asLong();
              assertThat(stored).isGreaterThanOrEqualTo(5);
              assertThat(PrometheusText.value(metrics, "securechat_messages_stored_total"))
                  .isEqualTo(stored);
              assertThat(PrometheusText.value(metrics, "securechat_messages_delivered_total"))
                  .isEqualTo(status.at("/totals/messagesDelivered").asLong());
              assertThat(PrometheusText.value(metrics, "securechat_connections"))
                  .isEqualTo(status.get("connections").asInt());
              assertThat(PrometheusText.value(metrics, "securechat_accounts_registered"))
                  .isEqualTo(status.get("registeredUsers").asLong())
                  .isGreaterThanOrEqualTo(2);
              assertThat(status.get("connections").asInt()).isGreaterThanOrEqualTo(2);
            });
    JsonNode status = json(http.get("/api/status", session));
    assertThat(status.get("status").asText()).isEqualTo("running");
    assertThat(status.get("node").asText()).isEqualTo(server.status().node());
    assertThat(status.get("version").asText()).isEqualTo(server.status().version());
    // A node alone is no cluster: it lists itself, up, and /metrics counts one node.
    assertThat(status.at("/cluster/enabled").asBoolean()).isFalse();
    assertThat(status.at("/cluster/nodesUp").asLong()).isEqualTo(1);
    assertThat(status.at("/cluster/nodes/0/node").asText()).isEqualTo(server.status().node());
    assertThat(status.at("/cluster/nodes/0/up").asBoolean()).isTrue();
    Map<String, Double> metrics = PrometheusText.parse(http.get("/metrics", null).body());
    assertThat(metrics)
        .hasEntrySatisfying(
            "securechat_cluster_nodes{state=\"up\"}", v -> assertThat(v).isEqualTo(1.0))
        .hasEntrySatisfying(
            "securechat_cluster_nodes{state=\"down\"}", v -> assertThat(v).isEqualTo(0.0));
    assertThat(PrometheusText.value(metrics, "securechat_cluster_redis_connected")).isZero();

    JsonNode history = json(http.get("/api/history", session));
    assertThat(history.get("time").size())
        .isPositive()
        .isEqualTo(history.get("connections").size())
        .isEqualTo(history.get("messagesIn").size());
  }

  @Test
  void adminActionsNeedTheCsrfToken() throws Exception {
    String session = http.session(TestServer.ADMIN_PASSWORD);
    String token = http.csrf(session);
    TestClient carol = online("csrf-carol");

    HttpResponse<String> none =
        http.post("/api/sessions/csrf-carol/disconnect", session, Map.of(), "");
    HttpResponse<String> wrong =
        http.post(
            "/api/sessions/csrf-carol/disconnect",
            session,
            Map.of("X-CSRF-Token", token + "x"),
            "");
    HttpResponse<String> otherSessions =
        http.post(
            "/api/sessions/csrf-carol/disconnect",
            session,
            Map.of("X-CSRF-Token", http.csrf(http.session(TestServer.ADMIN_PASSWORD))),
            "");

    for (HttpResponse<String> refused : List.of(none, wrong, otherSessions)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(json(refused).get("error").asText()).isEqualTo("missing or wrong CSRF token");
    }
    assertThat(carol.byes).isEmpty();

    HttpResponse<String> done =
        http.post(
            "/api/sessions/csrf-carol/disconnect", session, Map.of("X-CSRF-Token", token), "");

    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(json(done).get("done").asBoolean()).isTrue();
    await().atMost(WAIT).until(() -> !carol.byes.isEmpty());
    assertThat(carol.byes.getFirst().code()).isEqualTo(ErrorCode.DISCONNECTED_BY_ADMIN);
    JsonNode audit = json(http.get("/api/audit?page=0&size=20", session));
    assertThat(audit.get("events"))
        .anySatisfy(
            e -> {
              assertThat(e.get("event").asText()).isEqualTo("admin-disconnect");
              assertThat(e.get("username").asText()).isEqualTo("csrf-carol");
              assertThat(e.get("address").asText()).isEqualTo("127.0.0.1");
            });
    assertThat(
            http.post(
                    "/api/sessions/nobody-here/disconnect",
                    session,
                    Map.of("X-CSRF-Token", token),
                    "")
                .statusCode())
        .isEqualTo(404);
    // A plain form post carries the token as a field instead of a header.
    assertThat(http.post("/logout", session, Map.of(), "csrf=" + token).statusCode())
        .isEqualTo(303);
  }

  @Test
  void aLockedAccountIsDisconnectedAndRefusedUntilUnlocked() throws Exception {
    String session = http.session(TestServer.ADMIN_PASSWORD);
    Map<String, String> csrf = Map.of("X-CSRF-Token", http.csrf(session));
    TestClient dave = online("lock-dave");

    assertThat(http.post("/api/accounts/lock-dave/lock", session, csrf, "").statusCode())
        .isEqualTo(200);

    await().atMost(WAIT).until(() -> !dave.byes.isEmpty());
    assertThat(dave.byes.getFirst().code()).isEqualTo(ErrorCode.LOCKED_OUT);
    assertThat(http.get("/api/accounts/locked", session).body()).contains("\"lock-dave\"");
    TestClient again =
        new TestClient(transport, dir.resolve("client-" + clientNo.incrementAndGet()), server)
            .connect();
    clients.add(again);
    assertThatThrownBy(() -> again.login("lock-dave"))
        .satisfies(e -> assertThat(AccountsIT.codeOf(e)).isEqualTo(ErrorCode.LOCKED_OUT))
        .hasStackTraceContaining("locked by the server administrator");

    assertThat(http.post("/api/accounts/lock-dave/unlock", session, csrf, "").statusCode())
        .isEqualTo(200);

    assertThat(again.login("lock-dave").username()).isEqualTo("lock-dave");
    assertThat(http.post("/api/accounts/nobody-here/lock", session, csrf, "").statusCode())
        .isEqualTo(404);
    String events = http.get("/api/audit?size=50", session).body();
    assertThat(events).contains("admin-lock", "admin-unlock", "login-refused-locked");
  }

  @Test
  void auditIsPagedNewestFirst() throws Exception {
    String session = http.session(TestServer.ADMIN_PASSWORD);
    for (int i = 0; i < 3; i++) {
      http.login("wrong " + i);
    }

    JsonNode first = json(http.get("/api/audit?page=0&size=2", session));
    JsonNode second = json(http.get("/api/audit?page=1&size=2", session));

    assertThat(first.get("hasMore").asBoolean()).isTrue();
    assertThat(first.get("events")).hasSize(2);
    long newest = first.get("events").get(0).get("id").asLong();
    assertThat(first.get("events").get(1).get("id").asLong()).isLessThan(newest);
    assertThat(second.get("events").get(0).get("id").asLong())
        .isLessThan(first.get("events").get(1).get("id").asLong());
    assertThat(http.get("/api/audit?size=1000", session).statusCode()).isEqualTo(400);
    assertThat(http.get("/api/audit?page=x", session).statusCode()).isEqualTo(400);
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    String session = http.session(TestServer.ADMIN_PASSWORD);
    String token = http.csrf(session);

    HttpResponse<String> out = http.post("/logout", session, Map.of("X-CSRF-Token", token), "");

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(
            c -> assertThat(c).startsWith("securechat_admin=;").contains("Max-Age=0"));
    assertThat(http.get("/api/status", session).statusCode()).isEqualTo(401);
  }
}
