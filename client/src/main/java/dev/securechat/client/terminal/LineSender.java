package dev.securechat.client.terminal;

import dev.securechat.client.ChatClient;
import dev.securechat.client.e2e.SecureMessenger;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the person types, in the order typed, and loses none of it. Online, each line goes to
 * the messenger, which commits it to the durable outbox before sending; a line that fails before
 * reaching the outbox because the connection dropped, and every line typed while offline, waits
 * here and goes out, in order, once the session is back.
 */
final class LineSender {
  private static final Logger log = LoggerFactory.getLogger(LineSender.class);

  /** Past this, the next line stops waiting for the previous one's confirmation. */
  private static final Duration ORDER_WAIT = Duration.ofSeconds(30);

  /** A typed message and its place in the order of typing. */
  private record Line(long number, Command message) {}

  private final SecureMessenger messenger;
  private final Consumer<String> warn;
  private final ErrorText errors;
  private final PriorityQueue<Line> waiting =
      new PriorityQueue<>((a, b) -> Long.compare(a.number, b.number));
  private final AtomicInteger unconfirmed = new AtomicInteger();
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
  private long typed;
  private boolean online = true;

  LineSender(SecureMessenger messenger, Consumer<String> warn, ErrorText errors) {
    this.messenger = messenger;
    this.warn = warn;
    this.errors = errors;
  }

  /** Sends a {@link Command.Broadcast} or {@link Command.Direct}; returns whether it waits. */
  synchronized boolean submit(Command message) {
    Line line = new Line(typed++, message);
    if (!online) {
      waiting.add(line);
      return true;
    }
    dispatch(line);
    return false;
  }

  synchronized void offline() {
    online = false;
  }

  /** The session is back: send what waited, oldest first. */
  synchronized void online() {
    online = true;
    while (!waiting.isEmpty()) {
      dispatch(waiting.poll());
    }
  }

  /** Lines typed but not yet handed to the outbox, which quitting now would lose. */
  synchronized int waiting() {
    return waiting.size();
  }

  /** Lines handed over whose storage the server has not confirmed yet. */
  int unconfirmed() {
    return unconfirmed.get();
  }

  private void dispatch(Line line) {
    unconfirmed.incrementAndGet();
    CompletableFuture<Void> sent =
        last.handle((v, e) -> null)
            .thenCompose(v -> send(line.message))
            .whenComplete((v, e) -> settled(line, e));
    // The next line waits for this one, so that lines to one person arrive in the order typed;
    // a line kept in the outbox over a dropped connection is not worth holding the others for.
    last =
        sent.handle((v, e) -> (Void) null)
            .completeOnTimeout(null, ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<Void> send(Command message) {
    try {
      return switch (message) {
        case Command.Broadcast b -> messenger.broadcast(b.text());
        case Command.Direct d -> messenger.send(d.to(), d.text());
        default -> throw new IllegalArgumentException("not a message: " + message);
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void settled(Line line, Throwable error) {
    unconfirmed.decrementAndGet();
    if (error == null) {
      return;
    }
    if (ChatClient.isConnectionLoss(error)) {
      // It never reached the outbox (a reply it needed was cut off): it waits for the session.
      synchronized (this) {
        waiting.add(line);
        if (online && !messenger.chat().isConnected()) {
          online = false;
        } else if (online) {
          dispatch(waiting.poll());
        }
      }
      return;
    }
    if (ErrorText.unwrap(error) instanceof TimeoutException) {
      log.info("Line {} not confirmed in time; it stays in the outbox", line.number);
      return;
    }
    String to = line.message instanceof Command.Direct d ? " to " + d.to() : "";
    warn.accept("Not delivered" + to + ": " + errors.of(error));
  }
}
