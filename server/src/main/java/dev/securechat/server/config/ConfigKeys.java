package dev.securechat.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every section and key the server knows, with its default text. Anything not listed here is a typo
 * and is refused, wherever it comes from.
 */
final class ConfigKeys {

  /** How much of a value an error message or log line may show. */
  enum Exposure {
    PLAIN,
    /** Never shown. */
    SECRET,
    /** Shown with any embedded credentials hidden. */
    URL
  }

  record Key(String section, String name, String defaultText, Exposure exposure) {
    String shown(String text) {
      return switch (exposure) {
        case PLAIN -> "\"" + text + "\"";
        case SECRET -> "(hidden)";
        case URL -> "\"" + UrlRedaction.redact(text) + "\"";
      };
    }

    @Override
    public String toString() {
      return "[" + section + "] " + name;
    }
  }

  static final String SERVER = "Server";
  static final String STORAGE = "Storage";
  static final String SECURITY = "Security";
  static final String LOGGING = "Logging";
  static final String DASHBOARD = "Dashboard";
  static final String CLUSTER = "Cluster";

  private static final Map<String, Map<String, Key>> KEYS = build();

  private ConfigKeys() {}

  private static Map<String, Map<String, Key>> build() {
    var b = new Builder();
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
        .key("max_connections_per_address", "64");
    b.section(STORAGE)
        .key("url", "", Exposure.URL)
        .key("user", "")
        .key("password", "", Exposure.SECRET)
        .key("synchronous", "FULL")
        .key("pool_size", "8")
        .key("queue_max_messages", "10000")
        .key("queue_max_bytes", "67108864")
        .key("broadcast_retention_days", "30");
    b.section(SECURITY)
        .key("argon2_memory_kib", "19456")
        .key("argon2_iterations", "2")
        .key("argon2_parallelism", "1")
        .key("login_free_failures", "5")
        .key("address_free_failures", "20")
        .key("max_lockout_seconds", "900");
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
        .key("admin_password", "", Exposure.SECRET);
    b.section(CLUSTER)
        .key("enabled", "false")
        .key("node_id", "")
        .key("redis_url", "redis://127.0.0.1:6379", Exposure.URL);
    return b.done();
  }

  /** The canonical spelling of a section name given in any case. */
  static Optional<String> section(String name) {
    return KEYS.keySet().stream().filter(s -> s.equalsIgnoreCase(name)).findFirst();
  }

  static Optional<Key> key(String section, String name) {
    return Optional.ofNullable(KEYS.get(section).get(name.toLowerCase(Locale.ROOT)));
  }

  static Key require(String section, String name) {
    return key(section, name)
        .orElseThrow(() -> new IllegalArgumentException("no such key: " + section + "." + name));
  }

  static List<Key> all() {
    var all = new ArrayList<Key>();
    KEYS.values().forEach(keys -> all.addAll(keys.values()));
    return all;
  }

  static String knownKeys(String section) {
    return String.join(", ", KEYS.get(section).keySet());
  }

  static String knownSections() {
    return String.join(", ", KEYS.keySet());
  }

  private static final class Builder {
    private final Map<String, Map<String, Key>> sections = new LinkedHashMap<>();
    private String current;

    Builder section(String name) {
      current = name;
      sections.put(name, new LinkedHashMap<>());
      return this;
    }

    Builder key(String name, String defaultText) {
      return key(name, defaultText, Exposure.PLAIN);
    }

    Builder key(String name, String defaultText, Exposure exposure) {
      sections.get(current).put(name, new Key(current, name, defaultText, exposure));
      return this;
    }

    Map<String, Map<String, Key>> done() {
      var copy = new LinkedHashMap<String, Map<String, Key>>();
      sections.forEach((name, keys) -> copy.put(name, Collections.unmodifiableMap(keys)));
      return Collections.unmodifiableMap(copy);
    }
  }
}
