package dev.securechat.bench.support;

import dev.securechat.server.config.ConfigException;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.ServerConfigLoader;
import dev.securechat.server.config.StorageSettings;
import dev.securechat.server.store.StoreSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The server configuration a benchmark runs with: the built-in defaults (those of
 * config/server.ini) plus the benchmark's overrides, so a figure is measured with what an operator
 * gets unless the scenario says otherwise. The process environment is left out on purpose: a stray
 * SECURECHAT_* variable must not change a measurement.
 */
public final class ServerConfigs {
  private ServerConfigs() {}

  public static ServerConfig load(Map<String, String> overrides) throws ConfigException {
    return ServerConfigLoader.load(Optional.empty(), Map.of(), overrides);
  }

  /** The store settings the server derives from {@code [Storage]}. */
  public static StoreSettings storeSettings(StorageSettings s) {
    return dev.securechat.server.SecureChatServer.storeSettings(s);
  }
}
