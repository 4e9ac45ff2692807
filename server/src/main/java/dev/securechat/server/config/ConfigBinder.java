package dev.securechat.server.config;

import static dev.securechat.server.config.ConfigKeys.CLUSTER;
import static dev.securechat.server.config.ConfigKeys.DASHBOARD;
import static dev.securechat.server.config.ConfigKeys.LOGGING;
import static dev.securechat.server.config.ConfigKeys.SECURITY;
import static dev.securechat.server.config.ConfigKeys.SERVER;
import static dev.securechat.server.config.ConfigKeys.STORAGE;

import dev.securechat.config.ConfigException;
import dev.securechat.config.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the validated records from layered text: the ranges and cross-key rules live here. Its
 * errors are the shared loader's {@link ConfigException}; {@link ServerConfigLoader} turns them
 * into the server's own at its public boundary.
 */
final class ConfigBinder {
  private static final String HOST_SYMBOLS = ".-_:%";
  private static final String NODE_ID_SYMBOLS = ".-_";
  private static final String KEY_PREFIX_SYMBOLS = ".-_:{}";
  private static final int MIN_ADMIN_PASSWORD_LENGTH = 12;

  private final SettingsReader r;

  /** Looked up only when node_id is empty: finding the host name may ask DNS. */
  private final Supplier<String> defaultNodeId;

  ConfigBinder(SettingsReader reader, Supplier<String> defaultNodeId) {
    this.r = reader;
    this.defaultNodeId = defaultNodeId;
  }

  ServerConfig bind() throws ConfigException {
    ServerSettings server = server();
    StorageSettings storage = storage(server);
    DashboardSettings dashboard = dashboard(server);
    ClusterSettings cluster = cluster(storage);
    return new ServerConfig(server, storage, security(), logging(), dashboard, cluster);
  }

  private ServerSettings server() throws ConfigException {
    Duration ping = r.seconds(SERVER, "ping_interval_seconds", 1, 3600);
    Duration idle = r.seconds(SERVER, "idle_timeout_seconds", 2, 86400);
    if (idle.compareTo(ping) <= 0) {
      throw r.invalid(
          SERVER,
          "idle_timeout_seconds",
          "must be greater than " + r.describe(SERVER, "ping_interval_seconds"));
    }
    Optional<Path> certificate = r.optionalPath(SERVER, "tls_certificate");
    Optional<Path> privateKey = r.optionalPath(SERVER, "tls_private_key");
    if (certificate.isPresent() != privateKey.isPresent()) {
      String missing = certificate.isPresent() ? "tls_private_key" : "tls_certificate";
      String given = certificate.isPresent() ? "tls_certificate" : "tls_private_key";
      throw r.invalid(
          SERVER,
          missing,
          "must be set together with "
              + r.describe(SERVER, given)
              + "; leave both empty to use a generated self-signed certificate");
    }
    return new ServerSettings(
        r.token(SERVER, "host", HOST_SYMBOLS, 253),
        r.port(SERVER, "port"),
        r.path(SERVER, "data_dir"),
        r.intIn(SERVER, "max_frame_bytes", 1024, 16 * 1024 * 1024),
        r.seconds(SERVER, "login_deadline_seconds", 1, 300),
        ping,
        idle,
        r.seconds(SERVER, "shutdown_grace_seconds", 0, 600),
        certificate,
        privateKey,
        r.intIn(SERVER, "max_connections_per_address", 1, 1_000_000),
        r.intIn(SERVER, "max_unauthenticated_connections", 1, 10_000_000),
        r.intIn(SERVER, "presence_push_limit", 0, 1_000));
  }

  private StorageSettings storage(ServerSettings server) throws ConfigException {
    String url = r.text(STORAGE, "url");
    if (url.isEmpty()) {
      url = StorageSettings.SQLITE_PREFIX + server.dataDir().resolve("securechat.db");
    } else if (!url.startsWith(StorageSettings.SQLITE_PREFIX)
        && !url.startsWith(StorageSettings.POSTGRESQL_PREFIX)) {
      throw r.invalid(
          STORAGE,
          "url",
          "must be empty (SQLite file in data_dir), jdbc:sqlite:<file>"
              + " or jdbc:postgresql://<host>/<database>");
    }
    var synchronous = r.oneOf(STORAGE, "synchronous", StorageSettings.SqliteSynchronous.class);
    var storage =
        new StorageSettings(
            url,
            r.text(STORAGE, "user"),
            Secret.of(r.text(STORAGE, "password")),
            synchronous,
            r.intIn(STORAGE, "pool_size", 1, 256),
            r.intIn(STORAGE, "queue_max_messages", 1, 1_000_000_000),
            r.longIn(STORAGE, "queue_max_bytes", 1024, 1L << 40),
            r.intIn(STORAGE, "broadcast_retention_days", 1, 3650),
            Duration.ofMillis(r.intIn(STORAGE, "sqlite_busy_timeout_ms", 0, 600_000)));
    if (synchronous != StorageSettings.SqliteSynchronous.FULL && !storage.isSqlite()) {
      // PostgreSQL has its own durability settings; accepting this would promise nothing.
      throw r.invalid(
          STORAGE,
          "synchronous",
          "applies only to SQLite, but " + r.describe(STORAGE, "url") + " is not SQLite");
    }
    if (storage.queueMaxBytes() < server.maxFrameBytes()) {
      throw r.invalid(
          STORAGE,
          "queue_max_bytes",
          "must be at least one frame, " + r.describe(SERVER, "max_frame_bytes"));
    }
    return storage;
  }

  private SecuritySettings security() throws ConfigException {
    return new SecuritySettings(
        r.intIn(SECURITY, "argon2_memory_kib", 8192, 4 * 1024 * 1024),
        r.intIn(SECURITY, "argon2_iterations", 1, 64),
        r.intIn(SECURITY, "argon2_parallelism", 1, 64),
        r.intIn(SECURITY, "login_free_failures", 0, 1000),
        r.intIn(SECURITY, "address_free_failures", 0, 100_000),
        r.seconds(SECURITY, "max_lockout_seconds", 1, 86400),
        r.intIn(SECURITY, "registrations_per_address_per_hour", 1, 1_000_000));
  }

  private LoggingSettings logging() throws ConfigException {
    return new LoggingSettings(
        r.oneOf(LOGGING, "level", LoggingSettings.Level.class),
        r.bool(LOGGING, "debug_mode"),
        r.path(LOGGING, "file"),
        r.intIn(LOGGING, "max_file_size_mb", 1, 10240),
        r.intIn(LOGGING, "max_history", 1, 3650));
  }

  private DashboardSettings dashboard(ServerSettings server) throws ConfigException {
    var dashboard =
        new DashboardSettings(
            r.bool(DASHBOARD, "enabled"),
            r.token(DASHBOARD, "host", HOST_SYMBOLS, 253),
            r.port(DASHBOARD, "port"),
            r.bool(DASHBOARD, "tls"),
            Secret.of(r.text(DASHBOARD, "admin_password")));
    if (dashboard.enabled() && dashboard.port() != 0 && dashboard.port() == server.port()) {
      throw r.invalid(DASHBOARD, "port", "must differ from " + r.describe(SERVER, "port"));
    }
    int length = dashboard.adminPassword().reveal().length();
    if (length > 0 && length < MIN_ADMIN_PASSWORD_LENGTH) {
      throw r.invalid(
          DASHBOARD,
          "admin_password",
          "must be empty (the server generates one) or at least "
              + MIN_ADMIN_PASSWORD_LENGTH
              + " characters");
    }
    return dashboard;
  }

  private ClusterSettings cluster(StorageSettings storage) throws ConfigException {
    boolean enabled = r.bool(CLUSTER, "enabled");
    if (enabled && storage.isSqlite()) {
      throw r.invalid(
          CLUSTER,
          "enabled",
          "needs PostgreSQL shared by all nodes, but "
              + r.describe(STORAGE, "url")
              + "; set it to jdbc:postgresql://<host>/<database>");
    }
    if (enabled && r.text(CLUSTER, "node_id").isEmpty()) {
      // The host name would do for one node, but two nodes on one machine would then collide.
      throw r.invalid(
          CLUSTER,
          "node_id",
          "must be set when [Cluster] enabled = true: a name unique in the cluster, 1 to 64"
              + " ASCII letters, digits or . - _");
    }
    if (enabled && r.text(CLUSTER, "redis_url").isEmpty()) {
      throw r.invalid(
          CLUSTER,
          "redis_url",
          "must be set when [Cluster] enabled = true, e.g. redis://host:6379");
    }
    String nodeId =
        r.text(CLUSTER, "node_id").isEmpty()
            ? defaultNodeId.get()
            : r.token(CLUSTER, "node_id", NODE_ID_SYMBOLS, 64);
    Duration lease = r.seconds(CLUSTER, "lease_seconds", 3, 3600);
    Duration renewal = r.seconds(CLUSTER, "lease_renew_seconds", 1, 1200);
    if (renewal.multipliedBy(2).compareTo(lease) > 0) {
      // One late or lost renewal must not let a live session's lease run out.
      throw r.invalid(
          CLUSTER,
          "lease_renew_seconds",
          "must be at most half of " + r.describe(CLUSTER, "lease_seconds"));
    }
    return new ClusterSettings(
        enabled,
        nodeId,
        r.uri(CLUSTER, "redis_url", List.of("redis", "rediss")),
        r.token(CLUSTER, "key_prefix", KEY_PREFIX_SYMBOLS, 64),
        lease,
        renewal,
        r.seconds(CLUSTER, "poll_seconds", 1, 3600));
  }
}
