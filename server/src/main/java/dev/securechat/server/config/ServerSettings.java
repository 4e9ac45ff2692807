package dev.securechat.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code [Server]}: the chat listener. The TLS files are both present or both absent; absent means
 * the server makes its own self-signed certificate in {@code dataDir}. {@code
 * maxUnauthenticatedConnections} caps the connections still in the TLS handshake or before login,
 * across all addresses. Presence is pushed only while at most {@code presencePushLimit} accounts
 * are online, since every login and logout is told to every session.
 */
public record ServerSettings(
    String host,
    int port,
    Path dataDir,
    int maxFrameBytes,
    Duration loginDeadline,
    Duration pingInterval,
    Duration idleTimeout,
    Duration shutdownGrace,
    Optional<Path> tlsCertificate,
    Optional<Path> tlsPrivateKey,
    int maxConnectionsPerAddress,
    int maxUnauthenticatedConnections,
    int presencePushLimit) {}
