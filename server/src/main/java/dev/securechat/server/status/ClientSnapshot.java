package dev.securechat.server.status;

import java.time.Instant;

/** One connected client as the dashboard and the JSON API show it. */
public record ClientSnapshot(
    String username,
    String address,
    Instant since,
    long framesIn,
    long framesOut,
    long bytesIn,
    long bytesOut) {}
