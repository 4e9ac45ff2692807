package dev.securechat.server.cluster;

import dev.securechat.config.UrlRedaction;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's two Redis connections (Lettuce): one for commands, used asynchronously so that no
 * caller ever waits for Redis, and one subscribed to the node's and the cluster's channels. Lettuce
 * reconnects both by itself and subscribes again; while Redis is away, commands fail at once rather
 * than queue up. A Redis that is down when the node starts is retried in the background.
 */
final class RedisLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  static final Duration RETRY = Duration.ofSeconds(2);
  private static final Duration WARN_EVERY = Duration.ofSeconds(30);

  /** What arrives on the subscribed channels. Called on a Lettuce thread: must not block. */
  interface Subscriber {
    void message(String channel, String message);

    /** The node's channel is subscribed (again): notices may have been missed until now. */
    void subscribed();
  }

  private final String shownUrl;
  private final List<String> channels;
  private final String nodeChannel;
  private final Subscriber subscriber;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final ClientResources resources;
  private final RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile StatefulRedisPubSubConnection<String, String> pubsub;
  private volatile boolean closed;

  /** Not the monitor: {@link #failed} runs on the writer thread and must never wait. */
  private final AtomicLong lastWarningMillis = new AtomicLong(Long.MIN_VALUE / 2);

  RedisLink(
      URI url,
      String nodeChannel,
      String clusterChannel,
      Subscriber subscriber,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.shownUrl = UrlRedaction.redact(url.toString());
    this.nodeChannel = nodeChannel;
    this.channels = List.of(nodeChannel, clusterChannel);
    this.subscriber = subscriber;
    this.scheduler = scheduler;
    this.clock = clock;
    this.resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(1)
            .reconnectDelay(
                Delay.exponential(Duration.ofMillis(100), RETRY, 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, RedisURI.create(url.toString()));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .build());
    client.addListener(new StateLogger());
  }

  /** Connects now if Redis answers, else keeps trying every {@link #RETRY} in the background. */
  void start() {
    connect();
  }

  private synchronized void connect() {
    if (closed) {
      return;
    }
    try {
      if (connection == null) {
        connection = client.connect();
      }
      if (pubsub == null) {
        StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
        p.addListener(new Listener());
        p.sync().subscribe(channels.toArray(String[]::new));
        pubsub = p;
      }
      log.info("Connected to Redis at {}", shownUrl);
    } catch (RedisException e) {
      log.warn(
          "Redis at {} does not answer ({}); serving without it (the store is polled) and trying"
              + " again every {} s",
          shownUrl,
          e.getMessage(),
          RETRY.toSeconds());
      try {
        scheduler.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        log.debug("Not retrying Redis: the node is stopping");
      }
    }
  }

  /** Whether the command connection is up right now. */
  boolean connected() {
    StatefulRedisConnection<String, String> c = connection;
    return c != null && c.isOpen();
  }

  /** Runs a script; fails at once, without waiting, while Redis is away. */
  <T> CompletableFuture<T> eval(
      LuaScript script, ScriptOutputType type, String[] keys, String... args) {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      return CompletableFuture.failedFuture(new RedisException("not connected to Redis"));
    }
    try {
      RedisAsyncCommands<String, String> redis = c.async();
      return redis
          .<T>evalsha(script.sha(), type, keys, args)
          .toCompletableFuture()
          .exceptionallyCompose(
              e ->
                  unwrap(e) instanceof RedisNoScriptException
                      ? redis.<T>eval(script.text(), type, keys, args).toCompletableFuture()
                      : CompletableFuture.failedFuture(e));
    } catch (RedisException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Waits for {@code call} up to {@code timeoutMillis}; a failure or a timeout is reported like any
   * other Redis failure and gives null, so that callers carry on without Redis.
   */
  <T> T awaitOrNull(String what, CompletableFuture<T> call, long timeoutMillis) {
    try {
      return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      failed(what, e.getCause() != null ? e.getCause() : e);
      return null;
    }
  }

  CompletableFuture<Long> publish(String channel, String message) {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      return CompletableFuture.failedFuture(new RedisException("not connected to Redis"));
    }
    try {
      return c.async().publish(channel, message).toCompletableFuture();
    } catch (RedisException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  CompletableFuture<Long> del(String key) {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      return CompletableFuture.failedFuture(new RedisException("not connected to Redis"));
    }
    try {
      return c.async().del(key).toCompletableFuture();
    } catch (RedisException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  CompletableFuture<Long> hdel(String key, String field) {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      return CompletableFuture.failedFuture(new RedisException("not connected to Redis"));
    }
    return c.async().hdel(key, field).toCompletableFuture();
  }

  /**
   * Logs a failed Redis call: a warning at most every 30 s, the rest at debug level, so an outage
   * does not flood the log with one line per message.
   */
  void failed(String what, Throwable error) {
    long now = clock.millis();
    long last = lastWarningMillis.get();
    boolean warn =
        now - last >= WARN_EVERY.toMillis() && lastWarningMillis.compareAndSet(last, now);
    Throwable cause = unwrap(error);
    if (warn) {
      log.warn(
          "Redis call failed ({}): {}; the node carries on without Redis (deliveries by polling"
              + " the store, login limits per node)",
          what,
          cause.toString());
    } else {
      log.debug("Redis call failed ({})", what, cause);
    }
  }

  static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pubsub != null) {
      pubsub.close();
    }
    if (connection != null) {
      connection.close();
    }
    client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
    resources.shutdown(0, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private final class Listener extends RedisPubSubAdapter<String, String> {
    @Override
    public void message(String channel, String message) {
      subscriber.message(channel, message);
    }

    @Override
    public void subscribed(String channel, long count) {
      if (channel.equals(nodeChannel)) {
        subscriber.subscribed();
      }
    }
  }

  /** Says when the command connection drops; its return shows as a re-subscription. */
  private final class StateLogger implements RedisConnectionStateListener {
    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
      if (handler == connection && !closed) {
        log.warn(
            "Redis connection to {} lost; serving without it and reconnecting in the background",
            shownUrl);
      }
    }
  }
}
