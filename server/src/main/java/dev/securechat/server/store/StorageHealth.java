package dev.securechat.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store takes writes. The first failure of an outage is logged once, as a warning that
 * names its kind; later ones are only counted until a write succeeds again, which is logged once
 * too. So a full disk under a thousand retrying clients costs two log lines, not a stack trace per
 * message, and {@code /health}, the dashboard and {@code /metrics} read the state from here.
 */
public final class StorageHealth {
  private static final Logger log = LoggerFactory.getLogger(StorageHealth.class);

  /** A storage outage in progress: since when, what kind, and how many operations failed. */
  public record Outage(Instant since, String reason, long failures) {}

  private final Clock clock;
  private final AtomicLong failuresTotal = new AtomicLong();
  private volatile Outage outage; // written under this

  public StorageHealth(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  /** A storage operation failed for a storage reason ({@link StorageProblem}). */
  public void failed(String operation, Throwable cause) {
    String reason = StorageProblem.of(cause).orElse("database error");
    failuresTotal.incrementAndGet();
    synchronized (this) {
      Outage current = outage;
      if (current != null) {
        outage = new Outage(current.since(), current.reason(), current.failures() + 1);
        log.debug("{} failed during the storage outage: {}", operation, reason);
        return;
      }
      outage = new Outage(clock.instant(), reason, 1);
    }
    log.warn(
        "Storage is failing ({}: {}), first in {}. Messages are refused with STORAGE_UNAVAILABLE"
            + " until a write succeeds again; further failures are counted, not logged.",
        reason,
        StorageProblem.detail(cause),
        operation);
    log.debug("The first failure of this storage outage", cause);
  }

  /** A write committed: an outage, if there was one, is over. */
  public void succeeded() {
    if (outage == null) {
      return;
    }
    Outage ended;
    synchronized (this) {
      ended = outage;
      if (ended == null) {
        return;
      }
      outage = null;
    }
    log.info(
        "Storage recovered ({} for {} s, {} failed operations)",
        ended.reason(),
        Duration.between(ended.since(), clock.instant()).toSeconds(),
        ended.failures());
  }

  /** The outage in progress, if any. */
  public Optional<Outage> outage() {
    return Optional.ofNullable(outage);
  }

  public boolean isHealthy() {
    return outage == null;
  }

  /** Storage operations that failed since the server started. */
  public long failuresTotal() {
    return failuresTotal.get();
  }
}
