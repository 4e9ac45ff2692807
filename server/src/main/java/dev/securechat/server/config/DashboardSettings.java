package dev.securechat.server.config;

/**
 * {@code [Dashboard]}: the monitoring web page. An empty {@code adminPassword} means the server
 * generates one at first start.
 */
public record DashboardSettings(boolean enabled, String host, int port, Secret adminPassword) {}
