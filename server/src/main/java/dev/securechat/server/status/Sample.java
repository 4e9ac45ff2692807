package dev.securechat.server.status;

import java.time.Instant;

/**
 * The server's figures at one moment: what the overview page, {@code /api/status} and the charts
 * show. Rates are per second over the interval since the previous sample.
 */
public record Sample(
    Instant at,
    int connections,
    int sessions,
    double messagesInPerSecond,
    double messagesOutPerSecond,
    double bytesInPerSecond,
    double bytesOutPerSecond,
    StoreCounts store,
    Totals totals) {}
