package dev.securechat.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per username and per address with growing delays: after the free failures,
 * each further failure locks for twice as long as the last (1 s, 2 s, 4 s ...), up to the maximum.
 * Unknown usernames are limited like known ones, so a lockout reveals nothing.
 */
final class LoginThrottle implements LoginLimiter {
  private static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final int freeUserFailures;
  private final int freeAddressFailures;
  private final Duration maxLockout;
  private final Clock clock;
  private final ConcurrentHashMap<String, Failures> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

  LoginThrottle(int freeUserFailures, int freeAddressFailures, Duration maxLockout, Clock clock) {
    this.freeUserFailures = freeUserFailures;
    this.freeAddressFailures = freeAddressFailures;
    this.maxLockout = maxLockout;
    this.clock = clock;
  }

  @Override
  public Optional<Duration> lockedFor(String username, String address) {
    Instant now = clock.instant();
    Instant until = later(lockedUntil(byUser, username), lockedUntil(byAddress, address));
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  @Override
  public Optional<Duration> lockedFor(String address) {
    Instant now = clock.instant();
    Instant until = lockedUntil(byAddress, address);
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  @Override
  public Optional<Duration> recordFailure(String username, String address) {
    Optional<Duration> user = bump(byUser, username, freeUserFailures);
    Optional<Duration> addr = bump(byAddress, address, freeAddressFailures);
    if (user.isPresent() && addr.isPresent()) {
      return user.get().compareTo(addr.get()) >= 0 ? user : addr;
    }
    return user.isPresent() ? user : addr;
  }

  @Override
  public void recordSuccess(String username) {
    byUser.remove(username);
  }

  /** Drops entries nobody has failed on for an hour, so the maps stay bounded. */
  @Override
  public void forgetOld() {
    Instant cutoff = clock.instant().minus(FORGET_AFTER);
    byUser.values().removeIf(f -> f.lastFailure.isBefore(cutoff));
    byAddress.values().removeIf(f -> f.lastFailure.isBefore(cutoff));
  }

  private Instant lockedUntil(ConcurrentHashMap<String, Failures> map, String key) {
    Failures f = map.get(key);
    return f == null ? Instant.EPOCH : f.lockedUntil;
  }

  private Optional<Duration> bump(ConcurrentHashMap<String, Failures> map, String key, int free) {
    Instant now = clock.instant();
    Failures f =
        map.compute(
            key,
            (k, old) -> {
              int count = old == null ? 1 : old.count + 1;
              Instant until = old == null ? Instant.EPOCH : old.lockedUntil;
              if (count > free) {
                until = now.plus(lockoutAfter(count - free));
              }
              return new Failures(count, now, until);
            });
    return f.count > free ? Optional.of(Duration.between(now, f.lockedUntil)) : Optional.empty();
  }

  private Duration lockoutAfter(int excess) {
    if (excess > 30) {
      return maxLockout;
    }
    Duration d = Duration.ofSeconds(1L << (excess - 1));
    return d.compareTo(maxLockout) > 0 ? maxLockout : d;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private record Failures(int count, Instant lastFailure, Instant lockedUntil) {}
}
