package dev.securechat.server.config;

import dev.securechat.config.UrlRedaction;
import java.net.URI;

/**
 * {@code [Cluster]}: several nodes sharing PostgreSQL (the only truth) and Redis (delivery
 * notices). {@code nodeId} names this node in Redis, so it must differ between nodes.
 */
public record ClusterSettings(boolean enabled, String nodeId, URI redisUrl) {

  /** The Redis URL may carry a password, so it is shown redacted. */
  @Override
  public String toString() {
    return "ClusterSettings[enabled="
        + enabled
        + ", nodeId="
        + nodeId
        + ", redisUrl="
        + UrlRedaction.redact(redisUrl.toString())
        + "]";
  }
}
