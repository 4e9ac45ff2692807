package dev.securechat.server.auth;

import dev.securechat.server.store.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the dashboard's admin password against its Argon2id hash. Failures are limited by a {@link
 * LoginThrottle} with the same {@code [Security]} settings as chat logins (its own instance, so an
 * attack on the dashboard cannot lock a chat user out, nor the other way round), and every attempt
 * goes to the audit trail.
 */
public final class AdminAuthenticator {
  private static final Logger log = LoggerFactory.getLogger(AdminAuthenticator.class);

  /** The name dashboard logins are throttled and audited under. */
  public static final String ADMIN = "admin";

  /**
   * Argon2 runs at a time: each takes the configured memory, so a flood must queue, not pile up.
   */
  private static final int CONCURRENT_CHECKS = 2;

  private static final Duration WAIT_FOR_CHECK = Duration.ofSeconds(5);

  /** What a login attempt came to. */
  public sealed interface Outcome {
    record Accepted() implements Outcome {}

    record Refused() implements Outcome {}

    record LockedOut(Duration retryAfter) implements Outcome {}

    /** Too many checks already running; the caller should try again shortly. */
    record Busy() implements Outcome {}
  }

  private final Argon2Hasher hasher;
  private final LoginThrottle throttle;
  private final byte[] hash;
  private final AuditLog audit;
  private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS);

  /**
   * @param phcHash the stored hash, as {@link #hash} made it
   */
  public AdminAuthenticator(
      byte[] phcHash, AuthSettings settings, AuditLog audit, Clock clock, SecureRandom random) {
    this.hasher = hasher(settings, random);
    this.throttle =
        new LoginThrottle(
            settings.freeUserFailures(),
            settings.freeAddressFailures(),
            settings.maxLockout(),
            clock);
    this.hash = phcHash.clone();
    this.audit = audit;
  }

  /** An Argon2id hash (PHC string, ASCII) of {@code password} with the configured cost. */
  public static byte[] hash(String password, AuthSettings settings, SecureRandom random) {
    return hasher(settings, random).hash(password.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code stored} looks like a hash that {@link #hash} made. */
  public static boolean isHash(byte[] stored) {
    String text = new String(stored, StandardCharsets.US_ASCII);
    return text.startsWith("$argon2id$v=19$") && text.split("\\$").length == 6;
  }

  private static Argon2Hasher hasher(AuthSettings s, SecureRandom random) {
    return new Argon2Hasher(
        s.argon2MemoryKib(), s.argon2Iterations(), s.argon2Parallelism(), random);
  }

  /** Checks one attempt from {@code address}; blocks for the Argon2 run (tens of milliseconds). */
  public Outcome attempt(String password, String address) {
    Optional<Duration> locked = throttle.lockedFor(ADMIN, address);
    if (locked.isPresent()) {
      return new Outcome.LockedOut(locked.get());
    }
    boolean ok;
    try {
      if (!checks.tryAcquire(WAIT_FOR_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
        return new Outcome.Busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Busy();
    }
    try {
      ok = hasher.verify(password.getBytes(StandardCharsets.UTF_8), hash);
    } finally {
      checks.release();
    }
    if (ok) {
      throttle.recordSuccess(ADMIN);
      audit.record("admin-login", ADMIN, address, "");
      return new Outcome.Accepted();
    }
    audit.record("admin-login-failed", ADMIN, address, "");
    Optional<Duration> lockout = throttle.recordFailure(ADMIN, address);
    if (lockout.isPresent()) {
      long seconds = Math.max(1, lockout.get().toSeconds());
      audit.record("admin-lockout", ADMIN, address, seconds + " s");
      log.info("Dashboard logins from {} locked for {} s after failed attempts", address, seconds);
      return new Outcome.LockedOut(lockout.get());
    }
    return new Outcome.Refused();
  }

  /** Called periodically so that throttle state stays bounded. */
  public void housekeeping() {
    throttle.forgetOld();
  }
}
