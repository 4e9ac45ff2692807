package dev.securechat.server.cluster;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.auth.LoginLimiter;
import dev.securechat.server.config.ClusterSettings;
import dev.securechat.server.session.ChatSession;
import dev.securechat.server.session.Directory;
import dev.securechat.server.session.SessionPoller;
import dev.securechat.server.session.SessionRegistry;
import dev.securechat.server.status.ClusterSnapshot;
import dev.securechat.server.status.ClusterSnapshot.NodeState;
import dev.securechat.server.status.StatusManager;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a cluster: the Redis link, the directory built on it, and the periodic work
 * on one thread of its own: every {@code lease_renew_seconds} a heartbeat, the renewal of every
 * local session's lease and the sweep of expired ones; every {@code poll_seconds} a store read for
 * every local session; and, whenever the node's channel is subscribed again after a Redis outage,
 * both at once.
 */
public final class ClusterMember implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterMember.class);

  /** Sessions per claim script run. */
  static final int CLAIM_CHUNK = 200;

  /** A node silent this long drops off the dashboard's list. */
  static final Duration FORGET_NODE = Duration.ofHours(1);

  private final ClusterSettings settings;
  private final ClusterKeys keys;
  private final SessionRegistry registry;
  private final SessionPoller poller;
  private final StatusManager status;
  private final String version;
  private final ScheduledExecutorService scheduler;
  private final ClusterDirectory directory;
  private final RedisLink redis;
  private final AtomicBoolean resyncPending = new AtomicBoolean();
  private volatile List<NodeState> lastNodes = List.of();

  private ClusterMember(
      ClusterSettings settings,
      SessionRegistry registry,
      SessionPoller poller,
      StatusManager status,
      String version,
      Clock clock) {
    this.settings = settings;
    this.keys = new ClusterKeys(settings.keyPrefix());
    this.registry = registry;
    this.poller = poller;
    this.status = status;
    this.version = version;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster").daemon().factory());
    this.directory =
        new ClusterDirectory(
            keys, settings.nodeId(), settings.lease(), registry, this::requestResync);
    this.redis =
        new RedisLink(
            settings.redisUrl(),
            keys.nodeChannel(settings.nodeId()),
            keys.clusterChannel(),
            directory,
            scheduler,
            clock);
    directory.connectedThrough(redis);
  }

  /** Joins the cluster: connects to Redis (or keeps trying) and starts the periodic work. */
  public static ClusterMember start(
      ClusterSettings settings,
      SessionRegistry registry,
      SessionPoller poller,
      StatusManager status,
      String version,
      Clock clock) {
    ClusterMember member = new ClusterMember(settings, registry, poller, status, version, clock);
    member.redis.start();
    long renew = settings.leaseRenewal().toMillis();
    member.scheduler.scheduleWithFixedDelay(
        member.guarded("lease renewal", member::renew), 0, renew, TimeUnit.MILLISECONDS);
    long poll = settings.pollInterval().toMillis();
    member.scheduler.scheduleWithFixedDelay(
        member.guarded("store poll", poller::pollAll), poll, poll, TimeUnit.MILLISECONDS);
    log.info(
        "Cluster node {}: leases of {} s renewed every {} s, store polled every {} s",
        settings.nodeId(),
        settings.lease().toSeconds(),
        settings.leaseRenewal().toSeconds(),
        settings.pollInterval().toSeconds());
    return member;
  }

  public Directory directory() {
    return directory;
  }

  /**
   * Failed-login counts shared by every node through Redis, with {@code local} answering while
   * Redis is away.
   */
  public LoginLimiter loginLimiter(AuthSettings auth, LoginLimiter local) {
    return new SharedLoginLimiter(redis, keys, auth, local);
  }

  /** After a (re)subscription: renew every lease, then read every queue; coalesced. */
  private void requestResync() {
    if (resyncPending.compareAndSet(false, true)) {
      log.info(
          "Subscribed to the cluster's Redis channels; renewing leases and reading every queue");
      scheduler.execute(
          guarded(
              "resync after a Redis reconnect",
              () -> {
                resyncPending.set(false);
                renew();
                poller.pollAll();
              }));
    }
  }

  private void renew() {
    heartbeat();
    List<ChatSession> sessions = List.copyOf(registry.all());
    List<ChatSession> revived = new ArrayList<>();
    for (int from = 0; from < sessions.size(); from += CLAIM_CHUNK) {
      List<ChatSession> chunk =
          sessions.subList(from, Math.min(sessions.size(), from + CLAIM_CHUNK));
      ClusterDirectory.Claim claim = await("lease renewal", directory.claim(chunk));
      if (claim == null) {
        return; // Redis is away: the store poll keeps deliveries going.
      }
      Set<String> stale = new HashSet<>(claim.stale());
      Set<String> missing = new HashSet<>(claim.revived());
      for (ChatSession s : chunk) {
        if (stale.contains(s.username())) {
          s.close(ErrorCode.SESSION_REPLACED, "this account logged in again elsewhere");
        } else if (missing.contains(s.username())) {
          revived.add(s);
        }
      }
    }
    if (!revived.isEmpty()) {
      poller.poll(revived);
    }
    await(
        "lease sweep",
        redis.<Long>eval(
            LeaseScripts.SWEEP,
            ScriptOutputType.INTEGER,
            new String[] {keys.online()},
            keys.prefix()));
  }

  private void heartbeat() {
    List<Object> reply =
        await(
            "heartbeat",
            redis.<List<Object>>eval(
                LeaseScripts.HEARTBEAT,
                ScriptOutputType.MULTI,
                new String[] {keys.nodes()},
                keys.prefix(),
                settings.nodeId(),
                Integer.toString(registry.all().size()),
                version,
                Long.toString(FORGET_NODE.toMillis())));
    if (reply != null) {
      lastNodes = nodes(reply, settings.lease());
    }
    status.clusterChanged(new ClusterSnapshot(true, redis.connected(), lastNodes));
  }

  static List<NodeState> nodes(List<Object> reply, Duration lease) {
    List<String> fields = ClusterDirectory.strings(reply);
    long now = Long.parseLong(fields.getFirst());
    List<NodeState> nodes = new ArrayList<>();
    for (int i = 1; i + 1 < fields.size(); i += 2) {
      String[] entry = fields.get(i + 1).split(" ", 3);
      long seen = Long.parseLong(entry[0]);
      nodes.add(
          new NodeState(
              fields.get(i),
              now - seen <= lease.toMillis(),
              Integer.parseInt(entry[1]),
              entry.length > 2 ? entry[2] : "",
              Instant.ofEpochMilli(seen)));
    }
    nodes.sort((a, b) -> a.node().compareTo(b.node()));
    return nodes;
  }

  /** The result, or null after logging why there is none. */
  private <T> T await(String what, CompletableFuture<T> call) {
    return redis.awaitOrNull(what, call, RedisLink.COMMAND_TIMEOUT.toMillis() * 2);
  }

  private Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // An escaping exception would cancel the schedule for good.
        log.warn("Cluster {} failed; trying again at the next round", what, e);
      }
    };
  }

  /** Leaves the cluster list, stops the periodic work and closes the Redis link. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    // Answered after every release queued before it on the same connection.
    await("leaving the node list", redis.hdel(keys.nodes(), settings.nodeId()));
    redis.close();
  }
}
