package dev.securechat.server.config;

import dev.securechat.config.UrlRedaction;
import java.net.URI;
import java.time.Duration;

/**
 * {@code [Cluster]}: several nodes sharing PostgreSQL (the only truth) and Redis (leases and
 * delivery notices). {@code nodeId} names this node in Redis, so it must differ between nodes;
 * {@code keyPrefix} starts every Redis key and channel, so that several clusters (or tests) can
 * share one Redis.
 *
 * @param lease how long a user's {@code user -> node} record and the node's heartbeat live in Redis
 *     without renewal
 * @param leaseRenewal how often this node renews them
 * @param pollInterval how often every local session reads its queues from PostgreSQL regardless of
 *     notices
 */
public record ClusterSettings(
    boolean enabled,
    String nodeId,
    URI redisUrl,
    String keyPrefix,
    Duration lease,
    Duration leaseRenewal,
    Duration pollInterval) {

  /** The Redis URL may carry a password, so it is shown redacted. */
  @Override
  public String toString() {
    return "ClusterSettings[enabled="
        + enabled
        + ", nodeId="
        + nodeId
        + ", redisUrl="
        + UrlRedaction.redact(redisUrl.toString())
        + ", keyPrefix="
        + keyPrefix
        + ", lease="
        + lease
        + ", leaseRenewal="
        + leaseRenewal
        + ", pollInterval="
        + pollInterval
        + "]";
  }
}
