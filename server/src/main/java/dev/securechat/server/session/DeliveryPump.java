package dev.securechat.server.session;

import dev.securechat.protocol.ServerFrame.Deliver;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes one stream (direct queue or broadcast log) to one session, strictly in order and only what
 * is committed. Freshly committed messages are pushed straight away when they follow what was last
 * pushed; anything else (a gap, a slow reader, the backlog at login) is read from the store. All
 * methods run on the channel's event loop; store reads run on the database executor.
 */
final class DeliveryPump<T> {
  private static final Logger log = LoggerFactory.getLogger(DeliveryPump.class);
  static final int FETCH_LIMIT = 256;

  /** Reads committed items after a position, ascending. */
  interface Source<T> {
    List<T> after(long position, int limit);
  }

  private final Channel channel;
  private final Executor dbExecutor;
  private final Source<T> source;
  private final ToLongFunction<T> position;
  private final Predicate<T> skip;
  private final Function<T, Deliver> toFrame;
  private final DeliveryCounter counter;
  private long pushed;
  private long known;
  private boolean fetching;

  DeliveryPump(
      Channel channel,
      Executor dbExecutor,
      Source<T> source,
      ToLongFunction<T> position,
      Predicate<T> skip,
      Function<T, Deliver> toFrame,
      DeliveryCounter counter,
      long start) {
    this.channel = channel;
    this.dbExecutor = dbExecutor;
    this.source = source;
    this.position = position;
    this.skip = skip;
    this.toFrame = toFrame;
    this.counter = counter;
    this.pushed = start;
    this.known = start;
  }

  /** The highest position pushed (or skipped) so far: acks beyond it are clamped to it. */
  long pushed() {
    return pushed;
  }

  /** Starts by reading the backlog. */
  void start() {
    fetch();
  }

  /** Items just committed for this session, ascending. */
  void committed(List<T> items) {
    if (items.isEmpty()) {
      return;
    }
    long last = position.applyAsLong(items.getLast());
    if (last <= pushed) {
      return;
    }
    known = Math.max(known, last);
    if (fetching || !channel.isWritable()) {
      return;
    }
    if (position.applyAsLong(items.getFirst()) == pushed + 1) {
      push(items);
    } else {
      fetch();
    }
  }

  /**
   * Everything up to {@code upTo} is committed (another node says so, or the store does): read it
   * unless it was pushed already.
   */
  void notified(long upTo) {
    if (upTo <= pushed) {
      return;
    }
    known = Math.max(known, upTo);
    writable();
  }

  void writable() {
    if (!fetching && known > pushed && channel.isWritable()) {
      fetch();
    }
  }

  private void push(List<T> items) {
    int n = 0;
    for (T item : items) {
      long p = position.applyAsLong(item);
      if (p <= pushed) {
        continue;
      }
      pushed = p;
      if (!skip.test(item)) {
        channel.write(toFrame.apply(item), channel.voidPromise());
        n++;
      }
    }
    if (n > 0) {
      channel.flush();
      counter.delivered(n);
    }
  }

  private void fetch() {
    if (fetching || !channel.isActive()) {
      return;
    }
    fetching = true;
    long from = pushed;
    // Everything up to here was committed before this read began, so the read sees all of it.
    long committedBefore = known;
    CompletableFuture.supplyAsync(() -> source.after(from, FETCH_LIMIT), dbExecutor)
        .whenCompleteAsync(
            (items, error) -> {
              fetching = false;
              if (error != null) {
                log.warn("Reading pending messages failed; retrying in 1 s", error);
                channel.eventLoop().schedule(this::fetch, 1, TimeUnit.SECONDS);
                return;
              }
              push(items);
              if (items.size() == FETCH_LIMIT) {
                known = Math.max(known, pushed + 1);
              } else {
                // Items the source filters out (a sender's own broadcasts) count as seen.
                pushed = Math.max(pushed, committedBefore);
              }
              writable();
            },
            channel.eventLoop());
  }

  /** Counts pushed deliveries for the status manager. */
  @FunctionalInterface
  interface DeliveryCounter {
    void delivered(int n);
  }
}
