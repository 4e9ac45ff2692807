package dev.securechat.server.status;

import java.time.Instant;
import java.util.List;

/**
 * The cluster as this node last saw it in Redis, for the dashboard and /metrics. A node alone is
 * not a cluster: {@code enabled} is false and the list is empty.
 *
 * @param redisConnected whether this node's Redis connection is up
 * @param nodes every node that sent a heartbeat within the last hour, by name
 */
public record ClusterSnapshot(boolean enabled, boolean redisConnected, List<NodeState> nodes) {

  public static final ClusterSnapshot SINGLE_NODE = new ClusterSnapshot(false, false, List.of());

  public ClusterSnapshot {
    nodes = List.copyOf(nodes);
  }

  public long nodesUp() {
    return nodes.stream().filter(NodeState::up).count();
  }

  public long nodesDown() {
    return nodes.size() - nodesUp();
  }

  /**
   * One node's last heartbeat: {@code up} while it is younger than the lease, {@code sessions} its
   * logged-in sessions then.
   */
  public record NodeState(
      String node, boolean up, int sessions, String version, Instant lastSeen) {}
}
