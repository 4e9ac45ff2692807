package dev.securechat.server.dashboard;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overview page's server-sent events: each new sample goes to every open page as one {@code
 * status} event. Sending runs on a thread of its own, so a slow browser delays only the feed, never
 * the sampler; if sends fall behind, older payloads are dropped and only the newest goes out.
 * Streams of sessions that logged out or expired are closed at the next sample.
 */
final class LiveFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  static final String EVENT = "status";

  private record Subscriber(SseClient client, AdminSession session) {}

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AdminSessions sessions;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("dashboard-feed").factory());
  private final AtomicReference<String> pending = new AtomicReference<>();

  LiveFeed(AdminSessions sessions) {
    this.sessions = sessions;
  }

  /** Keeps the request open and sends the current figures at once, so the page fills in. */
  void subscribe(SseClient client, AdminSession session, Supplier<String> current) {
    Subscriber subscriber = new Subscriber(client, session);
    client.keepAlive();
    client.onClose(() -> subscribers.remove(subscriber));
    subscribers.add(subscriber);
    client.sendEvent(EVENT, current.get());
  }

  /** Any thread: queues {@code json} for every subscriber. */
  void publish(String json) {
    if (pending.getAndSet(json) != null) {
      return; // a send is already queued; it will take this newer payload
    }
    try {
      sender.execute(this::sendPending);
    } catch (RejectedExecutionException e) {
      log.debug("Live feed closed; dropping a sample", e);
    }
  }

  private void sendPending() {
    String json = pending.getAndSet(null);
    if (json == null) {
      return;
    }
    for (Subscriber s : subscribers) {
      if (!sessions.isLive(s.session())) {
        subscribers.remove(s);
        s.client().close();
      } else if (s.client().terminated()) {
        subscribers.remove(s);
      } else {
        s.client().sendEvent(EVENT, json);
      }
    }
  }

  int size() {
    return subscribers.size();
  }

  @Override
  public void close() {
    sender.shutdownNow();
    for (Subscriber s : subscribers) {
      s.client().close();
    }
    subscribers.clear();
    try {
      if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("The live feed's sender did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
