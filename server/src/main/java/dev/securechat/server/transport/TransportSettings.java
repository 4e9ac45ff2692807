package dev.securechat.server.transport;

import java.time.Duration;

/** What the transport needs from the [Server] section. */
public record TransportSettings(
    String host,
    int port,
    int maxFrameBytes,
    Duration loginDeadline,
    Duration pingInterval,
    Duration idleTimeout,
    int maxConnectionsPerAddress,
    int maxUnauthenticatedConnections) {}
