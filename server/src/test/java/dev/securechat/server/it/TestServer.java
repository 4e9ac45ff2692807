package dev.securechat.server.it;

import dev.securechat.server.SecureChatServer;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.ServerConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Starts a real server in-process on an ephemeral port with its own data folder. */
final class TestServer {
  static final String ADMIN_PASSWORD = "dashboard-test-password";

  private TestServer() {}

  /** Cheap Argon2 and short deadlines so tests stay fast; everything else is the default. */
  static Map<String, String> defaults(Path dataDir) {
    Map<String, String> o = new HashMap<>();
    o.put("server.port", "0");
    // Every test server runs its dashboard, on a port of its own; a fixed password saves the
    // tests that do not look at the dashboard from a generated one on the console.
    o.put("dashboard.port", "0");
    o.put("dashboard.admin_password", ADMIN_PASSWORD);
    o.put("server.data_dir", dataDir.toString());
    o.put("security.argon2_memory_kib", "8192");
    o.put("security.argon2_iterations", "1");
    o.put("logging.file", dataDir.resolve("server.log").toString());
    o.put("server.shutdown_grace_seconds", "2");
    // Tests register many accounts from 127.0.0.1; the limit itself is tested by
    // LoginAbuseIT with its own setting.
    o.put("security.registrations_per_address_per_hour", "100000");
    return o;
  }

  static SecureChatServer start(Path dataDir, Map<String, String> extra) throws Exception {
    return start(dataDir, extra, Clock.systemUTC());
  }

  static SecureChatServer start(Path dataDir, Map<String, String> extra, Clock clock)
      throws Exception {
    Map<String, String> o = defaults(dataDir);
    o.putAll(extra);
    ServerConfig config = ServerConfigLoader.load(Optional.empty(), Map.of(), o);
    return SecureChatServer.start(config, clock);
  }

  static SecureChatServer start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }
}
