package dev.securechat.server.dashboard;

import dev.securechat.server.status.ClientSnapshot;
import dev.securechat.server.status.ClusterSnapshot;
import dev.securechat.server.status.Sample;
import dev.securechat.server.status.StatusManager;
import dev.securechat.server.status.Totals;
import dev.securechat.server.store.AuditEvent;
import dev.securechat.server.store.StorageHealth;
import java.util.List;

/**
 * The JSON shapes of the API and the live feed, built from the status manager's samples so that the
 * page, the JSON and /metrics show the same numbers. Times are ISO-8601 strings or epoch seconds,
 * never a serializer's guess.
 */
final class Views {
  private Views() {}

  /** {@code /api/status} and each {@code status} event of the live feed. */
  record Status(
      String status,
      String version,
      String node,
      long uptimeSeconds,
      String startedAt,
      String sampledAt,
      int connections,
      int sessions,
      long registeredUsers,
      long pendingMessages,
      long failedLoginsLastHour,
      double messagesInPerSecond,
      double messagesOutPerSecond,
      double bytesInPerSecond,
      double bytesOutPerSecond,
      Totals totals,
      Cluster cluster,
      StorageState storage) {

    static Status of(StatusManager status, Sample s) {
      return new Status(
          status.state(),
          status.version(),
          status.node(),
          status.uptime().toSeconds(),
          status.startedAt().toString(),
          s.at().toString(),
          s.connections(),
          s.sessions(),
          s.store().registeredUsers(),
          s.store().pendingMessages(),
          s.store().failedLoginsLastHour(),
          s.messagesInPerSecond(),
          s.messagesOutPerSecond(),
          s.bytesInPerSecond(),
          s.bytesOutPerSecond(),
          s.totals(),
          Cluster.of(status, s),
          StorageState.of(status.storage()));
    }
  }

  /**
   * Whether the store takes writes: {@code writable} or {@code failing}, and during an outage its
   * kind, start and failed operations; {@code failuresTotal} counts since the server started.
   */
  record StorageState(
      String state, String reason, String failingSince, long failures, long failuresTotal) {

    static StorageState of(StorageHealth health) {
      return health
          .outage()
          .map(
              o ->
                  new StorageState(
                      "failing",
                      o.reason(),
                      o.since().toString(),
                      o.failures(),
                      health.failuresTotal()))
          .orElseGet(() -> new StorageState("writable", "", "", 0, health.failuresTotal()));
    }
  }

  /**
   * The cluster as this node sees it: every node with a heartbeat in the last hour, up while its
   * heartbeat is younger than the lease. A node alone lists itself.
   */
  record Cluster(boolean enabled, boolean redisConnected, long nodesUp, List<Node> nodes) {
    static Cluster of(StatusManager status, Sample s) {
      ClusterSnapshot c = status.cluster();
      if (!c.enabled()) {
        return new Cluster(
            false,
            false,
            1,
            List.of(
                new Node(status.node(), true, s.sessions(), status.version(), s.at().toString())));
      }
      return new Cluster(
          true,
          c.redisConnected(),
          c.nodesUp(),
          c.nodes().stream()
              .map(
                  n ->
                      new Node(
                          n.node(), n.up(), n.sessions(), n.version(), n.lastSeen().toString()))
              .toList());
    }
  }

  /** One node of {@link Cluster}. */
  record Node(String node, boolean up, int sessions, String version, String lastSeen) {}

  /** One row of {@code /api/clients}. */
  record Client(
      String username,
      String address,
      String since,
      long framesIn,
      long framesOut,
      long bytesIn,
      long bytesOut) {

    static Client of(ClientSnapshot c) {
      return new Client(
          c.username(),
          c.address(),
          c.since().toString(),
          c.framesIn(),
          c.framesOut(),
          c.bytesIn(),
          c.bytesOut());
    }
  }

  /**
   * {@code /api/history}: the last hour as columns (epoch seconds and one array per series), the
   * shape the chart library takes without conversion.
   */
  record History(
      long[] time,
      int[] connections,
      int[] sessions,
      double[] messagesIn,
      double[] messagesOut,
      double[] bytesIn,
      double[] bytesOut,
      long[] pendingMessages,
      long[] failedLoginsLastHour) {

    static History of(List<Sample> samples) {
      int n = samples.size();
      var h =
          new History(
              new long[n],
              new int[n],
              new int[n],
              new double[n],
              new double[n],
              new double[n],
              new double[n],
              new long[n],
              new long[n]);
      for (int i = 0; i < n; i++) {
        Sample s = samples.get(i);
        h.time[i] = s.at().getEpochSecond();
        h.connections[i] = s.connections();
        h.sessions[i] = s.sessions();
        h.messagesIn[i] = s.messagesInPerSecond();
        h.messagesOut[i] = s.messagesOutPerSecond();
        h.bytesIn[i] = s.bytesInPerSecond();
        h.bytesOut[i] = s.bytesOutPerSecond();
        h.pendingMessages[i] = s.store().pendingMessages();
        h.failedLoginsLastHour[i] = s.store().failedLoginsLastHour();
      }
      return h;
    }
  }

  /** One line of the audit trail. */
  record Event(long id, String at, String event, String username, String address, String detail) {
    static Event of(AuditEvent e) {
      return new Event(e.id(), e.at().toString(), e.event(), e.username(), e.address(), e.detail());
    }
  }

  /** {@code /api/audit}: one page, newest first. */
  record AuditPage(int page, int size, boolean hasMore, List<Event> events) {}

  /** The answer to an admin action. */
  record ActionResult(String action, String username, boolean done, String message) {}
}
