package dev.securechat.client;

import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.net.ServerKeyChangedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the session back after the connection drops: waits ({@link Backoff}), connects, resumes with
 * the device token, and repeats until it works or something only the person can fix (a changed
 * server key, a token the server no longer accepts) stops it. One loop at a time, on a virtual
 * thread, so that the application carries on meanwhile.
 */
final class Reconnector {
  private static final Logger log = LoggerFactory.getLogger(Reconnector.class);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

  private final Backoff backoff;
  private final Supplier<CompletableFuture<?>> reconnect;
  private final BooleanSupplier connected;
  private final ChatListener events;
  private Thread loop;
  private boolean running;
  private boolean stopped;

  /**
   * @param reconnect connects and resumes the session
   * @param connected whether the session is up now
   * @param events told of each attempt, and of giving up
   */
  Reconnector(
      Backoff backoff,
      Supplier<CompletableFuture<?>> reconnect,
      BooleanSupplier connected,
      ChatListener events) {
    this.backoff = backoff;
    this.reconnect = reconnect;
    this.connected = connected;
    this.events = events;
  }

  /** Starts reconnecting unless a loop already runs or reconnecting was stopped. */
  synchronized void start() {
    if (stopped || running) {
      return;
    }
    running = true;
    loop = Thread.ofVirtual().name("reconnect").start(this::run);
  }

  /** For good: the application closes or logs out. */
  synchronized void stop() {
    stopped = true;
    if (loop != null) {
      loop.interrupt();
    }
  }

  private synchronized boolean stopped() {
    return stopped;
  }

  private void run() {
    try {
      attempts();
    } finally {
      synchronized (this) {
        running = false;
      }
    }
    // A drop while this loop was finishing was ignored by start(): look again.
    if (!stopped() && !connected.getAsBoolean()) {
      start();
    }
  }

  private void attempts() {
    Throwable lastFailure = null;
    for (int attempt = 0; !stopped(); attempt++) {
      Duration wait = backoff.delay(attempt);
      log.info("Reconnect attempt {} in {} ms", attempt + 1, wait.toMillis());
      events.onReconnecting(attempt + 1, wait, lastFailure);
      try {
        Thread.sleep(wait);
        reconnect.get().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = unwrap(e);
        if (fatal(cause)) {
          synchronized (this) {
            stopped = true;
          }
          log.warn("Not reconnecting: {}", cause.toString());
          events.onReconnectAbandoned(cause);
          return;
        }
        log.info("Reconnect attempt {} failed: {}", attempt + 1, cause.toString());
        lastFailure = cause;
        continue;
      }
      log.info("Reconnected after {} attempt(s)", attempt + 1);
      return;
    }
  }

  /** Failures that retrying cannot fix. */
  static boolean fatal(Throwable t) {
    return t instanceof ServerKeyChangedException
        || (t instanceof ServerErrorException s
            && switch (s.code()) {
              case TOKEN_INVALID, AUTH_FAILED, PROTOCOL_VERSION_MISMATCH, USERNAME_INVALID -> true;
              default -> false;
            });
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
