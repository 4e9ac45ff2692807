package dev.securechat.server.config;

/**
 * {@code [Dashboard]}: the monitoring web page. {@code tls} serves it over HTTPS with the chat
 * server's certificate. An empty {@code adminPassword} means the server generates one at first
 * start.
 */
public record DashboardSettings(
    boolean enabled, String host, int port, boolean tls, Secret adminPassword) {}
