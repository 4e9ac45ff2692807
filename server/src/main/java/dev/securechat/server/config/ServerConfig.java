package dev.securechat.server.config;

/**
 * The whole server configuration, validated: every value here is in range and consistent with the
 * others. Built by {@link ServerConfigLoader}; {@code toString()} is safe to log because secrets
 * are {@link Secret}s.
 */
public record ServerConfig(
    ServerSettings server,
    StorageSettings storage,
    SecuritySettings security,
    LoggingSettings logging,
    DashboardSettings dashboard,
    ClusterSettings cluster) {}
