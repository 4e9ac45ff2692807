package dev.securechat.server.cluster;

import dev.securechat.server.SecureChatServer;
import dev.securechat.server.config.ServerConfigLoader;
import dev.securechat.server.tls.ServerCertificates;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cluster test class shares: a database, a Redis of its own, one TLS certificate for every
 * node (as behind a load balancer), and the nodes it started, closed in reverse order.
 */
final class ClusterFixture implements AutoCloseable {
  static final String ADMIN_PASSWORD = "cluster-test-password";

  final ClusterDatabase database;
  final RedisServer redis;
  private final Path dir;
  private final Path certificate;
  private final Path privateKey;
  private final List<SecureChatServer> nodes = new ArrayList<>();

  private ClusterFixture(ClusterDatabase database, RedisServer redis, Path dir) throws Exception {
    this.database = database;
    this.redis = redis;
    this.dir = dir;
    Path tls = dir.resolve("tls");
    ServerCertificates.loadOrCreate(tls, Optional.empty(), Optional.empty(), Clock.systemUTC());
    this.certificate = tls.resolve("server-cert.pem");
    this.privateKey = tls.resolve("server-key.pem");
  }

  static ClusterFixture create(Path dir) throws Exception {
    ClusterDatabase database = ClusterDatabase.create();
    try {
      return new ClusterFixture(database, RedisServer.start(dir), dir);
    } catch (Exception | Error e) {
      database.close();
      throw e;
    }
  }

  /**
   * A node's settings: ephemeral ports, cheap Argon2, the shared database, Redis and certificate, a
   * short lease (3 s, renewed every second) so that expiry shows within a test, and {@code
   * pollSeconds} between store polls.
   */
  Map<String, String> config(String node, int pollSeconds) {
    Path data = dir.resolve(node);
    Map<String, String> o = new LinkedHashMap<>();
    o.put("server.host", "127.0.0.1");
    o.put("server.port", "0");
    o.put("server.data_dir", data.toString());
    o.put("server.tls_certificate", certificate.toString());
    o.put("server.tls_private_key", privateKey.toString());
    o.put("server.shutdown_grace_seconds", "2");
    o.put("dashboard.port", "0");
    o.put("dashboard.admin_password", ADMIN_PASSWORD);
    o.put("security.argon2_memory_kib", "8192");
    o.put("security.argon2_iterations", "1");
    o.put("logging.file", data.resolve("server.log").toString());
    o.put("storage.url", database.url());
    o.put("storage.user", ClusterDatabase.USER);
    o.put("cluster.enabled", "true");
    o.put("cluster.node_id", node);
    o.put("cluster.redis_url", redis.url().toString());
    o.put("cluster.key_prefix", "test");
    o.put("cluster.lease_seconds", "3");
    o.put("cluster.lease_renew_seconds", "1");
    o.put("cluster.poll_seconds", Integer.toString(pollSeconds));
    return o;
  }

  /** Starts a node in this JVM. */
  SecureChatServer start(String node, int pollSeconds) throws Exception {
    SecureChatServer server =
        SecureChatServer.start(
            ServerConfigLoader.load(Optional.empty(), Map.of(), config(node, pollSeconds)),
            Clock.systemUTC());
    nodes.add(server);
    return server;
  }

  @Override
  public void close() throws SQLException {
    try {
      for (SecureChatServer node : nodes.reversed()) {
        node.close();
      }
      redis.close();
    } finally {
      database.close();
    }
  }
}
