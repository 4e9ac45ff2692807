package dev.securechat.bench.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Fetches {@code /metrics} from the servers under test. */
public final class MetricsClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  public Metrics scrape(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered HTTP " + response.statusCode());
    }
    return Metrics.parse(System.nanoTime(), response.body());
  }

  /** One scrape of each URL, in order. */
  public List<Metrics> scrapeAll(List<URI> uris) throws IOException, InterruptedException {
    List<Metrics> scrapes = new ArrayList<>(uris.size());
    for (URI uri : uris) {
      scrapes.add(scrape(uri));
    }
    return scrapes;
  }

  /** Whether {@code uri} answers 200 now (for waiting until a server is up). */
  public boolean isUp(URI uri) throws InterruptedException {
    try {
      return http.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }
}
