package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.config.ServerConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Who gets in: the admin password's origin, the login throttle and the dashboard over TLS. */
class DashboardAccessIT {
  @TempDir Path dir;

  @Test
  void failedAdminLoginsAreLimitedLikeChatLogins() throws Exception {
    try (SecureChatServer server =
        TestServer.start(
            dir,
            Map.of("security.login_free_failures", "2", "security.max_lockout_seconds", "30"))) {
      DashboardHttp http = new DashboardHttp(server);

      assertThat(http.login("wrong-1").statusCode()).isEqualTo(401);
      assertThat(http.login("wrong-2").statusCode()).isEqualTo(401);
      HttpResponse<String> third = http.login("wrong-3");
      HttpResponse<String> rightButLocked = http.login(TestServer.ADMIN_PASSWORD);

      for (HttpResponse<String> locked : List.of(third, rightButLocked)) {
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(locked.body()).contains("Too many failed logins");
      }
      assertThat(server.status().node()).isNotEmpty();
    }
  }

  @Test
  void aGeneratedPasswordIsShownOnceAndSurvivesARestart() throws Exception {
    Map<String, String> o = new HashMap<>(TestServer.defaults(dir));
    o.put("dashboard.admin_password", "");
    List<String> console = new ArrayList<>();
    // Everything the server logs, at any level and kept off the console, to check that the
    // password never reaches a log line.
    Logger logs = (Logger) LoggerFactory.getLogger("dev.securechat");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logs.addAppender(logged);
    logs.setLevel(Level.TRACE);
    logs.setAdditive(false);
    String password;
    try {
      password = firstStart(o, console);
    } finally {
      logs.detachAppender(logged);
      logs.setLevel(null);
      logs.setAdditive(true);
    }
    assertThat(Files.readString(dir.resolve("dashboard-admin.hash")))
        .startsWith("$argon2id$")
        .doesNotContain(password);
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("Generated the dashboard admin password"))
        .noneMatch(m -> m.contains(password));

    try (SecureChatServer again =
        SecureChatServer.start(
            ServerConfigLoader.load(Optional.empty(), Map.of(), o),
            Clock.systemUTC(),
            console::add)) {
      assertThat(console).as("shown at first start only").hasSize(1);
      assertThat(new DashboardHttp(again).login(password).statusCode()).isEqualTo(303);
    }
  }

  /** Starts a server that must generate the password; returns what it showed on the console. */
  private static String firstStart(Map<String, String> overrides, List<String> console)
      throws Exception {
    try (SecureChatServer server =
        SecureChatServer.start(
            ServerConfigLoader.load(Optional.empty(), Map.of(), overrides),
            Clock.systemUTC(),
            console::add)) {
      assertThat(console).hasSize(1);
      Matcher m =
          Pattern.compile("\\s([A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){3})\\s")
              .matcher(console.getFirst());
      assertThat(m.find()).isTrue();
      String password = m.group(1);
      assertThat(new DashboardHttp(server).login(password).statusCode()).isEqualTo(303);
      return password;
    }
  }

  @Test
  void overTlsTheDashboardUsesTheServerCertificateAndASecureCookie() throws Exception {
    try (SecureChatServer server = TestServer.start(dir, Map.of("dashboard.tls", "true"))) {
      X509Certificate certificate = certificate(dir.resolve("server-cert.pem"));
      DashboardHttp https = new DashboardHttp(server, trusting(certificate));
      assertThat(https.uri("/").getScheme()).isEqualTo("https");

      HttpResponse<String> health = https.get("/health", null);
      assertThat(health.statusCode()).isEqualTo(200);
      SSLSession tls = health.sslSession().orElseThrow();
      assertThat(tls.getPeerCertificates()[0]).isEqualTo(certificate);

      HttpResponse<String> login = https.login(TestServer.ADMIN_PASSWORD);
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
          .startsWith("__Host-securechat_admin=")
          .contains("; Secure")
          .contains("; HttpOnly")
          .contains("; SameSite=Strict");
      String session = https.session(TestServer.ADMIN_PASSWORD);
      assertThat(https.get("/api/status", session).statusCode()).isEqualTo(200);

      // Plain HTTP to the TLS port is not served.
      var plain = HttpClient.newHttpClient();
      var request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + server.dashboardAddress().orElseThrow().getPort()
                          + "/health"))
              .timeout(Duration.ofSeconds(5))
              .build();
      assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aTakenDashboardPortStopsTheStartAndReleasesTheRest() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> o =
          Map.of("dashboard.host", "127.0.0.1", "dashboard.port", "" + taken.getLocalPort());

      assertThatThrownBy(() -> TestServer.start(dir, o))
          .hasMessageContaining("Port already in use")
          .hasMessageContaining("" + taken.getLocalPort());
    }
    // The failed start closed its database: the same data folder opens again at once.
    try (SecureChatServer server = TestServer.start(dir)) {
      assertThat(server.dashboardAddress()).isPresent();
    }
  }

  @Test
  void aDisabledDashboardBindsNothing() throws Exception {
    try (SecureChatServer server = TestServer.start(dir, Map.of("dashboard.enabled", "false"))) {
      assertThat(server.dashboardAddress()).isEmpty();
      assertThat(server.dashboardUri()).isEmpty();
    }
  }

  static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static SSLContext trusting(X509Certificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
