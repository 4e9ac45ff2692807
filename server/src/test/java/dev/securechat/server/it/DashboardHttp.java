package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.server.SecureChatServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A plain HTTP client for the dashboard that handles the session cookie by hand, so tests see
 * exactly what the server sets: no cookie jar, no redirects followed.
 */
final class DashboardHttp {
  private static final Pattern CSRF_META =
      Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI base;

  DashboardHttp(SecureChatServer server) {
    this(server, HttpClient.newBuilder());
  }

  /** For a server in another process, at its dashboard's base URL (ending in {@code /}). */
  DashboardHttp(URI base) {
    this(base, HttpClient.newBuilder());
  }

  DashboardHttp(SecureChatServer server, SSLContext tls) {
    this(server, HttpClient.newBuilder().sslContext(tls));
  }

  private DashboardHttp(SecureChatServer server, HttpClient.Builder builder) {
    this(server.dashboardUri().orElseThrow(), builder);
  }

  private DashboardHttp(URI base, HttpClient.Builder builder) {
    this.http =
        builder
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.base = base;
  }

  /** Taken as written: {@link URI#resolve} would remove dot segments the tests send on purpose. */
  URI uri(String path) {
    return URI.create(base.toString() + path.substring(1));
  }

  HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
    return get(path, cookie, Map.of());
  }

  HttpResponse<String> get(String path, String cookie, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String cookie, Map<String, String> headers, String form)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> login(String password) throws IOException, InterruptedException {
    return post(
        "/login",
        null,
        Map.of(),
        "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
  }

  /** Logs in and returns the {@code Cookie} request header that carries the session. */
  String session(String password) throws IOException, InterruptedException {
    HttpResponse<String> response = login(password);
    assertThat(response.statusCode()).as("login").isEqualTo(303);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  /** The CSRF token the overview page hands its scripts. */
  String csrf(String cookie) throws IOException, InterruptedException {
    HttpResponse<String> page = get("/", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher m = CSRF_META.matcher(page.body());
    assertThat(m.find()).as("CSRF meta tag on the page").isTrue();
    return m.group(1);
  }
}
