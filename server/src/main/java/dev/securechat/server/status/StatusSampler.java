package dev.securechat.server.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the {@link StatusManager} once per {@link #TICK} into an hour-long ring, and refreshes
 * the database figures every {@link #STORE_REFRESH}. The gauges it registers read the same cached
 * figures the dashboard shows, so a scrape never runs a query and never disagrees with the page.
 */
public final class StatusSampler {
  private static final Logger log = LoggerFactory.getLogger(StatusSampler.class);

  public static final Duration TICK = Duration.ofSeconds(1);
  public static final Duration WINDOW = Duration.ofHours(1);
  static final Duration STORE_REFRESH = Duration.ofSeconds(5);

  private final StatusManager status;
  private final StoreFigures store;
  private final Clock clock;
  private final SampleHistory history;
  private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();

  private volatile StoreCounts counts = StoreCounts.NONE;
  private Instant countsAt = Instant.MIN;
  private Totals previous;
  private Instant previousAt;

  public StatusSampler(
      StatusManager status, StoreFigures store, MeterRegistry registry, Clock clock) {
    this.status = status;
    this.store = store;
    this.clock = clock;
    this.history = new SampleHistory((int) (WINDOW.toSeconds() / TICK.toSeconds()));
    Gauge.builder("securechat.accounts.registered", this, s -> s.counts.registeredUsers())
        .description("Registered accounts (refreshed every 5 s)")
        .register(registry);
    Gauge.builder("securechat.queue.pending.messages", this, s -> s.counts.pendingMessages())
        .description("Envelopes stored for recipients who have not acknowledged them yet")
        .register(registry);
    Gauge.builder("securechat.logins.failed.last.hour", this, s -> s.counts.failedLoginsLastHour())
        .description("Failed chat logins, resumes and dashboard logins in the last hour")
        .register(registry);
  }

  /** Called after each sample on the sampling thread; a failing listener is logged, not fatal. */
  public void onSample(Consumer<Sample> listener) {
    listeners.add(listener);
  }

  /** Takes one sample now; the server calls it once per {@link #TICK}. */
  public Sample tick() {
    Sample sample = take();
    for (Consumer<Sample> listener : listeners) {
      try {
        listener.accept(sample);
      } catch (RuntimeException e) {
        log.warn("A status listener failed; the next sample will be offered again", e);
      }
    }
    return sample;
  }

  private synchronized Sample take() {
    Instant now = clock.instant();
    if (!now.isBefore(countsAt.plus(STORE_REFRESH)) || now.isBefore(countsAt)) {
      refreshCounts(now);
    }
    Totals totals = status.totals();
    double seconds = previousAt == null ? 0 : Duration.between(previousAt, now).toMillis() / 1000.0;
    Sample sample =
        new Sample(
            now,
            status.connectionCount(),
            status.sessionCount(),
            rate(
                totals.messagesStored(), previous == null ? 0 : previous.messagesStored(), seconds),
            rate(
                totals.messagesDelivered(),
                previous == null ? 0 : previous.messagesDelivered(),
                seconds),
            rate(totals.bytesReceived(), previous == null ? 0 : previous.bytesReceived(), seconds),
            rate(totals.bytesSent(), previous == null ? 0 : previous.bytesSent(), seconds),
            counts,
            totals);
    previous = totals;
    previousAt = now;
    history.add(sample);
    return sample;
  }

  private void refreshCounts(Instant now) {
    try {
      counts = store.read(now);
      countsAt = now;
    } catch (RuntimeException e) {
      // The figures stay at their last value; the next tick tries again, and /health reports
      // the database on its own.
      log.warn("Could not read the dashboard figures from the store", e);
    }
  }

  /** Zero for the first sample or when time did not move: there is no interval to divide by. */
  private static double rate(long now, long before, double seconds) {
    return seconds <= 0 ? 0 : Math.max(0, now - before) / seconds;
  }

  /** The newest sample, taking one if none has been taken yet. */
  public Sample latest() {
    return history.latest().orElseGet(this::tick);
  }

  /** The last hour, oldest first. */
  public List<Sample> history() {
    return history.all();
  }

  public StoreCounts counts() {
    return counts;
  }
}
