package dev.securechat.server.config;

import dev.securechat.config.ConfigSchema;
import dev.securechat.config.ConfigSchema.Exposure;
import java.util.List;

/**
 * Every section and key the server knows, with its default text. Anything not listed here is a typo
 * and is refused, wherever it comes from.
 */
final class ConfigKeys {
  static final String SERVER = "Server";
  static final String STORAGE = "Storage";
  static final String SECURITY = "Security";
  static final String LOGGING = "Logging";
  static final String DASHBOARD = "Dashboard";
  static final String CLUSTER = "Cluster";

  static final ConfigSchema SCHEMA = build();

  private ConfigKeys() {}

  private static ConfigSchema build() {
    var b = ConfigSchema.builder();
    b.section(SERVER)
        .key("host", "localhost")
        .key("port", "8888")
        .key("data_dir", "./data")
        .key("max_frame_bytes", "65536")
        .key("login_deadline_seconds", "10")
        .key("ping_interval_seconds", "30")
        .key("idle_timeout_seconds", "90")
        .key("shutdown_grace_seconds", "5")
        .key("tls_certificate", "")
        .key("tls_private_key", "")
        .key("max_connections_per_address", "64")
        .key("max_unauthenticated_connections", "10000")
        .key("presence_push_limit", "1000");
    b.section(STORAGE)
        .key("url", "", Exposure.URL)
        .key("user", "")
        .key("password", "", Exposure.SECRET)
        .key("synchronous", "FULL")
        .key("pool_size", "8")
        .key("queue_max_messages", "10000")
        .key("queue_max_bytes", "67108864")
        .key("broadcast_retention_days", "30")
        .key("sqlite_busy_timeout_ms", "10000");
    b.section(SECURITY)
        .key("argon2_memory_kib", "19456")
        .key("argon2_iterations", "2")
        .key("argon2_parallelism", "1")
        .key("login_free_failures", "5")
        .key("address_free_failures", "20")
        .key("max_lockout_seconds", "900")
        .key("registrations_per_address_per_hour", "10");
    b.section(LOGGING)
        .key("level", "INFO")
        .key("debug_mode", "false")
        .key("file", "./logs/securechat-server.log")
        .key("max_file_size_mb", "10")
        .key("max_history", "7");
    b.section(DASHBOARD)
        .key("enabled", "true")
        .key("host", "localhost")
        .key("port", "8080")
        .key("tls", "false")
        .key("admin_password", "", Exposure.SECRET);
    b.section(CLUSTER)
        .key("enabled", "false")
        .key("node_id", "")
        .key("redis_url", "redis://127.0.0.1:6379", Exposure.URL)
        .key("key_prefix", "securechat")
        .key("lease_seconds", "30")
        .key("lease_renew_seconds", "10")
        .key("poll_seconds", "30");
    return b.build();
  }

  static List<ConfigSchema.Key> all() {
    return SCHEMA.all();
  }
}
