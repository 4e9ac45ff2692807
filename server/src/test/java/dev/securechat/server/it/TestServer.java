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
  private TestServer() {}

  /** Cheap Argon2 and short deadlines so tests stay fast; everything else is the default. */
  static Map<String, String> defaults(Path dataDir) {
    Map<String, String> o = new HashMap<>();
    o.put("server.port", "0");
    o.put("server.data_dir", dataDir.toString());
    o.put("security.argon2_memory_kib", "8192");
    o.put("security.argon2_iterations", "1");
    o.put("logging.file", dataDir.resolve("server.log").toString());
    o.put("server.shutdown_grace_seconds", "2");
    return o;
  }

  static SecureChatServer start(Path dataDir, Map<String, String> extra) throws Exception {
    Map<String, String> o = defaults(dataDir);
    o.putAll(extra);
    ServerConfig config = ServerConfigLoader.load(Optional.empty(), Map.of(), o);
    return SecureChatServer.start(config, Clock.systemUTC());
  }

  static SecureChatServer start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }
}
