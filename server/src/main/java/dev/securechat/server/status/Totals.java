package dev.securechat.server.status;

/** The server's counters since start, as {@link StatusManager#totals()} reads them. */
public record Totals(
    long messagesStored,
    long messagesDelivered,
    long bytesReceived,
    long bytesSent,
    long framesReceived,
    long framesSent,
    long loginsSucceeded,
    long loginsFailed,
    long protocolErrors) {}
