package dev.securechat.server.status;

import dev.securechat.server.store.StorageHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live registry of connections and the server's counters. Everything the dashboard, the JSON
 * API and /metrics show is read from here, so the three always agree.
 */
public final class StatusManager {
  private final Clock clock;
  private final Instant startedAt;
  private final String node;
  private final String version;
  private final Set<ConnectionStats> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
  private volatile ClusterSnapshot cluster = ClusterSnapshot.SINGLE_NODE;
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Counter framesIn;
  private final Counter framesOut;
  private final Counter messagesStored;
  private final Counter messagesDelivered;
  private final Counter loginsSucceeded;
  private final Counter loginsFailed;
  private final Counter protocolErrors;
  private final MeterRegistry registry;
  private final StorageHealth storage;

  public StatusManager(MeterRegistry registry, Clock clock, String node, String version) {
    this(registry, clock, node, version, new StorageHealth(clock));
  }

  /**
   * @param storage the store's health, shown on {@code /health}, the dashboard and {@code /metrics}
   */
  public StatusManager(
      MeterRegistry registry, Clock clock, String node, String version, StorageHealth storage) {
    this.clock = clock;
    this.storage = storage;
    this.startedAt = clock.instant();
    this.node = node;
    this.version = version;
    this.registry = registry;
    Gauge.builder("securechat.connections", connections, Set::size)
        .description("Open client connections, logged in or not")
        .register(registry);
    Gauge.builder("securechat.sessions", this, StatusManager::sessionCount)
        .description("Logged-in sessions")
        .register(registry);
    this.bytesIn =
        counter(
            registry,
            "securechat.transport.received.bytes",
            "Bytes read from clients, TLS included");
    this.bytesOut =
        counter(
            registry, "securechat.transport.sent.bytes", "Bytes written to clients, TLS included");
    this.framesIn = counter(registry, "securechat.frames.received", "Frames read from clients");
    this.framesOut = counter(registry, "securechat.frames.sent", "Frames written to clients");
    this.messagesStored =
        counter(
            registry,
            "securechat.messages.stored",
            "Messages durably stored (direct and broadcast)");
    this.messagesDelivered =
        counter(registry, "securechat.messages.delivered", "Deliver frames pushed to clients");
    this.loginsSucceeded =
        Counter.builder("securechat.logins")
            .tag("result", "success")
            .description("Logins and resumes")
            .register(registry);
    this.loginsFailed =
        Counter.builder("securechat.logins")
            .tag("result", "failure")
            .description("Logins and resumes")
            .register(registry);
    this.protocolErrors =
        counter(registry, "securechat.protocol.errors", "Connections closed for a malformed frame");
    Gauge.builder("securechat.cluster.nodes", this, s -> s.clusterNodes(true))
        .tag("state", "up")
        .description("Cluster nodes with a current heartbeat (1 for a node alone)")
        .register(registry);
    Gauge.builder("securechat.cluster.nodes", this, s -> s.clusterNodes(false))
        .tag("state", "down")
        .description("Cluster nodes whose heartbeat stopped within the last hour")
        .register(registry);
    Gauge.builder(
            "securechat.cluster.redis.connected", this, s -> s.cluster.redisConnected() ? 1 : 0)
        .description("1 while this node's Redis connection is up; 0 when down or not a cluster")
        .register(registry);
    FunctionCounter.builder("securechat.storage.failures", storage, StorageHealth::failuresTotal)
        .description("Storage operations that failed (full, read-only, locked or failing disk)")
        .register(registry);
    Gauge.builder("securechat.storage.writable", storage, s -> s.isHealthy() ? 1 : 0)
        .description("1 while the store takes writes, 0 during a storage outage")
        .register(registry);
  }

  private double clusterNodes(boolean up) {
    ClusterSnapshot c = cluster;
    if (!c.enabled()) {
      return up ? 1 : 0;
    }
    return up ? c.nodesUp() : c.nodesDown();
  }

  /** What the cluster layer last saw of the other nodes. */
  public void clusterChanged(ClusterSnapshot snapshot) {
    this.cluster = snapshot;
  }

  public ClusterSnapshot cluster() {
    return cluster;
  }

  /** Whether the store takes writes, and the outage in progress if it does not. */
  public StorageHealth storage() {
    return storage;
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  public ConnectionStats opened(String address) {
    ConnectionStats stats = new ConnectionStats(address, clock.instant());
    connections.add(stats);
    return stats;
  }

  public void closed(ConnectionStats stats) {
    connections.remove(stats);
  }

  public void loggedIn(ConnectionStats stats, String username) {
    stats.username(username);
    loginsSucceeded.increment();
  }

  public void loginFailed() {
    loginsFailed.increment();
  }

  public void bytesIn(ConnectionStats stats, long n) {
    stats.bytesIn.add(n);
    bytesIn.increment(n);
  }

  public void bytesOut(ConnectionStats stats, long n) {
    stats.bytesOut.add(n);
    bytesOut.increment(n);
  }

  public void frameIn(ConnectionStats stats) {
    stats.framesIn.increment();
    framesIn.increment();
  }

  public void frameOut(ConnectionStats stats) {
    stats.framesOut.increment();
    framesOut.increment();
  }

  public void messageStored() {
    messagesStored.increment();
  }

  public void messagesDelivered(int n) {
    messagesDelivered.increment(n);
  }

  public void protocolError() {
    protocolErrors.increment();
  }

  /**
   * A connection closed as soon as it was accepted; {@code reason} is {@code per_address} or {@code
   * unauthenticated} (the limit that refused it).
   */
  public void connectionRefused(String reason) {
    Counter.builder("securechat.connections.refused")
        .tag("reason", reason)
        .description("Connections closed on accept by a connection limit")
        .register(registry)
        .increment();
  }

  /**
   * A connection closed by the login deadline; {@code phase} is {@code tls} (the handshake did not
   * finish) or {@code login}.
   */
  public void loginTimedOut(String phase) {
    Counter.builder("securechat.login.timeouts")
        .tag("phase", phase)
        .description("Connections closed by the handshake and login deadline")
        .register(registry)
        .increment();
  }

  /**
   * The running totals, read from the same counters that /metrics exports, so the dashboard and
   * Prometheus never disagree.
   */
  public Totals totals() {
    return new Totals(
        (long) messagesStored.count(),
        (long) messagesDelivered.count(),
        (long) bytesIn.count(),
        (long) bytesOut.count(),
        (long) framesIn.count(),
        (long) framesOut.count(),
        (long) loginsSucceeded.count(),
        (long) loginsFailed.count(),
        (long) protocolErrors.count());
  }

  public List<ClientSnapshot> clients() {
    return connections.stream()
        .map(ConnectionStats::snapshot)
        .sorted(Comparator.comparing(ClientSnapshot::since))
        .toList();
  }

  public int connectionCount() {
    return connections.size();
  }

  public int sessionCount() {
    return (int) connections.stream().filter(c -> !c.username().isEmpty()).count();
  }

  /** From now on /health answers "stopping", so load balancers move traffic away first. */
  public void markStopping() {
    stopping = true;
  }

  /** {@code "running"} or {@code "stopping"}. */
  public String state() {
    return stopping ? "stopping" : "running";
  }

  public boolean isStopping() {
    return stopping;
  }

  public String node() {
    return node;
  }

  public String version() {
    return version;
  }

  public Duration uptime() {
    return Duration.between(startedAt, clock.instant());
  }

  public Instant startedAt() {
    return startedAt;
  }
}
