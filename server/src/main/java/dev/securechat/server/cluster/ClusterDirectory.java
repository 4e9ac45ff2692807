package dev.securechat.server.cluster;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.server.session.ChatSession;
import dev.securechat.server.session.Directory;
import dev.securechat.server.session.SessionRegistry;
import dev.securechat.server.store.BroadcastMessage;
import dev.securechat.server.store.QueuedMessage;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence and routing through Redis: a lease per logged-in account ({@code user -> node,
 * session}), notices to the node that holds a recipient, and presence changes on the cluster
 * channel, which every node (this one too) turns into {@code PresenceChange} frames for its
 * sessions. When Redis fails, it falls back to what this node knows by itself.
 */
final class ClusterDirectory implements Directory, RedisLink.Subscriber {
  private static final Logger log = LoggerFactory.getLogger(ClusterDirectory.class);

  private final ClusterKeys keys;
  private final String node;
  private final Duration lease;
  private final SessionRegistry registry;
  private final Resync resync;
  private RedisLink redis;

  /** Started by {@link #subscribed()}: renew every lease here, then read every queue. */
  @FunctionalInterface
  interface Resync {
    void request();
  }

  ClusterDirectory(
      ClusterKeys keys, String node, Duration lease, SessionRegistry registry, Resync resync) {
    this.keys = keys;
    this.node = node;
    this.lease = lease;
    this.registry = registry;
    this.resync = resync;
  }

  /** Set once, before the link connects (the link needs this as its subscriber). */
  void connectedThrough(RedisLink link) {
    this.redis = link;
  }

  @Override
  public CompletableFuture<Void> loggedIn(ChatSession session, boolean replacedHere) {
    return claim(List.of(session))
        .handle(
            (claim, error) -> {
              if (error != null) {
                redis.failed("claim at login", error);
                if (!replacedHere) {
                  registry.announce(session.username(), true);
                }
              } else if (claim.stale().contains(session.username())) {
                // A newer login elsewhere got there first.
                session.close(ErrorCode.SESSION_REPLACED, "this account logged in again elsewhere");
              } else if (!session.channel().isActive()) {
                // It went away while the claim was on its way: do not leave a lease behind.
                loggedOut(session);
              }
              return null;
            });
  }

  /**
   * What a claim found: the users that a newer session holds (stale here), and those whose lease
   * was missing (notices for them went nowhere, so their queues must be read).
   */
  record Claim(List<String> stale, List<String> revived) {}

  /** Claims or renews the leases of {@code sessions}, in one script run. */
  CompletableFuture<Claim> claim(List<ChatSession> sessions) {
    List<String> args = new ArrayList<>(3 + 2 * sessions.size());
    args.add(keys.prefix());
    args.add(node);
    args.add(Long.toString(lease.toMillis()));
    for (ChatSession s : sessions) {
      args.add(s.username());
      args.add(Long.toString(s.sessionNo()));
    }
    return redis
        .<List<Object>>eval(
            LeaseScripts.CLAIM,
            ScriptOutputType.MULTI,
            new String[] {keys.online()},
            args.toArray(String[]::new))
        .thenApply(result -> new Claim(strings(result.get(0)), strings(result.get(1))));
  }

  @Override
  public void loggedOut(ChatSession session) {
    redis
        .<Long>eval(
            LeaseScripts.RELEASE,
            ScriptOutputType.INTEGER,
            new String[] {keys.online()},
            keys.prefix(),
            node,
            session.username(),
            Long.toString(session.sessionNo()))
        .whenComplete(
            (released, error) -> {
              if (error != null) {
                redis.failed("release at logout", error);
                registry.announce(session.username(), false);
              }
            });
  }

  @Override
  public CompletableFuture<List<String>> online() {
    return redis
        .<List<Object>>eval(
            LeaseScripts.ONLINE,
            ScriptOutputType.MULTI,
            new String[] {keys.online()},
            keys.prefix())
        .thenApply(names -> strings(names).stream().sorted().toList())
        .exceptionally(
            error -> {
              redis.failed("online list", error);
              return registry.online();
            });
  }

  @Override
  public void committedElsewhere(List<QueuedMessage> directs, List<BroadcastMessage> broadcasts) {
    if (!directs.isEmpty()) {
      Map<String, Long> upTo = new LinkedHashMap<>();
      for (QueuedMessage m : directs) {
        upTo.merge(m.recipient(), m.qseq(), Math::max);
      }
      List<String> args = new ArrayList<>(1 + 2 * upTo.size());
      args.add(keys.prefix());
      upTo.forEach(
          (user, qseq) -> {
            args.add(user);
            args.add(Long.toString(qseq));
          });
      redis
          .<Long>eval(
              LeaseScripts.NOTIFY,
              ScriptOutputType.INTEGER,
              new String[0],
              args.toArray(String[]::new))
          .whenComplete(
              (sent, error) -> {
                if (error != null) {
                  redis.failed("direct notice", error);
                }
              });
    }
    if (!broadcasts.isEmpty()) {
      long bseq = broadcasts.getLast().bseq();
      redis
          .publish(keys.clusterChannel(), Notice.broadcast(bseq, node))
          .whenComplete(
              (receivers, error) -> {
                if (error != null) {
                  redis.failed("broadcast notice", error);
                }
              });
    }
  }

  @Override
  public void message(String channel, String text) {
    Notice.parse(text)
        .ifPresentOrElse(this::apply, () -> log.debug("Ignoring an unknown notice on {}", channel));
  }

  private void apply(Notice notice) {
    switch (notice) {
      case Notice.Direct d -> registry.find(d.user()).ifPresent(s -> s.notifyDirect(d.qseq()));
      case Notice.Close c ->
          registry
              .find(c.user())
              .filter(s -> s.sessionNo() < c.sessionNo())
              .ifPresent(
                  s ->
                      s.close(
                          ErrorCode.SESSION_REPLACED, "this account logged in again elsewhere"));
      case Notice.Broadcast b -> {
        if (!b.origin().equals(node)) {
          registry.all().forEach(s -> s.notifyBroadcast(b.bseq()));
        }
      }
      case Notice.Presence p -> registry.announce(p.user(), p.online());
    }
  }

  @Override
  public void subscribed() {
    resync.request();
  }

  static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> items) {
      for (Object item : items) {
        out.add(String.valueOf(item));
      }
    }
    return out;
  }
}
