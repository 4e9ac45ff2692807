package dev.securechat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.auth.LoginLimiter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' login limiters on the test's own Redis: failures counted on one node lock the name on
 * the other, and each falls back to its own memory while Redis is away.
 */
class SharedLoginLimiterIT {
  static final AuthSettings LIMITS =
      new AuthSettings(8192, 1, 1, 2, 100, Duration.ofSeconds(900), 10);

  @TempDir Path dir;
  RedisServer redis;
  ScheduledExecutorService scheduler;
  final List<RedisLink> links = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start(dir);
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    links.forEach(RedisLink::close);
    scheduler.shutdownNow();
    redis.close();
  }

  LoginLimiter node(String name) {
    ClusterKeys keys = new ClusterKeys("limits");
    RedisLink link =
        new RedisLink(
            redis.url(),
            keys.nodeChannel(name),
            keys.clusterChannel(),
            new RedisLink.Subscriber() {
              @Override
              public void message(String channel, String message) {}

              @Override
              public void subscribed() {}
            },
            scheduler,
            Clock.systemUTC());
    links.add(link);
    link.start();
    return new SharedLoginLimiter(
        link, keys, LIMITS, LoginLimiter.inMemory(LIMITS, Clock.systemUTC()));
  }

  @Test
  void failuresOnAnyNodeCountTogether() {
    LoginLimiter a = node("a");
    LoginLimiter b = node("b");

    assertThat(a.recordFailure("mallory", "192.0.2.1")).isEmpty();
    assertThat(b.recordFailure("mallory", "192.0.2.2")).isEmpty();
    // The third failure for the name, whichever node sees it, starts the lockout: 1 s, then 2, 4,
    // 8.
    assertThat(a.recordFailure("mallory", "192.0.2.3")).contains(Duration.ofSeconds(1));
    assertThat(b.recordFailure("mallory", "192.0.2.4")).contains(Duration.ofSeconds(2));
    assertThat(a.recordFailure("mallory", "192.0.2.5")).contains(Duration.ofSeconds(4));
    assertThat(b.recordFailure("mallory", "192.0.2.6")).contains(Duration.ofSeconds(8));

    assertThat(a.lockedFor("mallory", "198.51.100.7"))
        .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(5)));
    assertThat(b.lockedFor("someone-else", "198.51.100.7")).isEmpty();

    b.recordSuccess("mallory");
    assertThat(a.lockedFor("mallory", "198.51.100.7")).isEmpty();
  }

  @Test
  void withoutRedisEachNodeCountsAlone() throws Exception {
    LoginLimiter a = node("a");
    LoginLimiter b = node("b");
    a.lockedFor("warm-up", "192.0.2.1"); // connected before Redis goes
    redis.stop();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> links.stream().noneMatch(RedisLink::connected));
    for (int i = 0; i < 5; i++) {
      a.recordFailure("trudy", "192.0.2.9");
    }
    assertThat(a.lockedFor("trudy", "192.0.2.10")).isPresent();
    assertThat(b.lockedFor("trudy", "192.0.2.10")).isEmpty();
  }
}
