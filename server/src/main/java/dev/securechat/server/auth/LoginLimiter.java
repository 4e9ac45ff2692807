package dev.securechat.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed logins per username and per address and says who must wait. One node keeps the
 * counts in memory ({@link #inMemory}); a cluster shares them through Redis, so that spreading
 * attempts over the nodes gains an attacker nothing.
 */
public interface LoginLimiter {

  /** How long the caller must still wait, if either the name or the address is locked. */
  Optional<Duration> lockedFor(String username, String address);

  /**
   * How long the caller must still wait, if the address is locked, whatever the name: a device
   * token resumes while its username is locked by someone else's guessing.
   */
  Optional<Duration> lockedFor(String address);

  /** Counts a failure; returns the new lockout if this failure started one. */
  Optional<Duration> recordFailure(String username, String address);

  /** A successful login clears the username's count (not the address's). */
  void recordSuccess(String username);

  /** Called periodically so that state kept in memory stays bounded. */
  void forgetOld();

  /** The counts in this process's memory, with the {@code [Security]} limits. */
  static LoginLimiter inMemory(AuthSettings settings, Clock clock) {
    return new LoginThrottle(
        settings.freeUserFailures(), settings.freeAddressFailures(), settings.maxLockout(), clock);
  }
}
