package dev.securechat.client.terminal;

import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.net.ServerKeyChangedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the chat back after the connection drops: waits ({@link Backoff}), connects, logs in again
 * with the device token, and repeats until it works or something only the person can fix (a changed
 * server key, a token the server no longer accepts) stops it. One loop at a time, on a virtual
 * thread, so that the person can keep typing meanwhile.
 */
final class Reconnector {
  private static final Logger log = LoggerFactory.getLogger(Reconnector.class);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

  private final Backoff backoff;
  private final Supplier<CompletableFuture<?>> reconnect;
  private final Consumer<String> tell;
  private final Consumer<String> warn;
  private final Runnable reconnected;
  private final BooleanSupplier connected;
  private final ErrorText errors;
  private Thread loop;
  private boolean running;
  private boolean stopped;

  /**
   * @param reconnect connects and resumes the session
   * @param reconnected runs once the session is back (sends what waited)
   * @param connected whether the session is up now
   */
  Reconnector(
      Backoff backoff,
      Supplier<CompletableFuture<?>> reconnect,
      Consumer<String> tell,
      Consumer<String> warn,
      Runnable reconnected,
      BooleanSupplier connected,
      ErrorText errors) {
    this.backoff = backoff;
    this.reconnect = reconnect;
    this.tell = tell;
    this.warn = warn;
    this.reconnected = reconnected;
    this.connected = connected;
    this.errors = errors;
  }

  /** Starts reconnecting unless a loop already runs or the person is leaving. */
  synchronized void start() {
    if (stopped || running) {
      return;
    }
    running = true;
    loop = Thread.ofVirtual().name("reconnect").start(this::run);
  }

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
    for (int attempt = 0; !stopped(); attempt++) {
      Duration wait = backoff.delay(attempt);
      log.info("Reconnect attempt {} in {} ms", attempt + 1, wait.toMillis());
      try {
        Thread.sleep(wait);
        reconnect.get().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = ErrorText.unwrap(e);
        if (fatal(cause)) {
          synchronized (this) {
            stopped = true;
          }
          warn.accept(errors.of(cause) + " Not reconnecting; type /quit.");
          return;
        }
        log.info("Reconnect attempt {} failed: {}", attempt + 1, cause.toString());
        if (attempt == 2) {
          tell.accept("Still offline; retrying. What you type is kept and sent once back.");
        }
        continue;
      }
      if (stopped()) {
        return;
      }
      log.info("Reconnected after {} attempt(s)", attempt + 1);
      tell.accept("Reconnected.");
      reconnected.run();
      return;
    }
  }

  /** Failures that retrying cannot fix. */
  private static boolean fatal(Throwable t) {
    return t instanceof ServerKeyChangedException
        || (t instanceof ServerErrorException s
            && switch (s.code()) {
              case TOKEN_INVALID, AUTH_FAILED, PROTOCOL_VERSION_MISMATCH, USERNAME_INVALID -> true;
              default -> false;
            });
  }
}
