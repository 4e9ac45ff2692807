package dev.securechat.server.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's logged-in sessions, in memory: a restart logs every admin out, which is the safe
 * direction. Sessions end after {@link #IDLE} without a request or {@link #LIFETIME} in all, and at
 * most {@link #MAX_SESSIONS} exist, so repeated logins cannot grow the map without bound.
 */
final class AdminSessions {
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration LIFETIME = Duration.ofHours(12);
  static final int MAX_SESSIONS = 32;

  private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

  private final ConcurrentHashMap<String, AdminSession> byToken = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecureRandom random;

  AdminSessions(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** A new session with fresh tokens: a login never reuses a token it was handed (fixation). */
  AdminSession create(String address) {
    Instant now = clock.instant();
    forgetExpired(now);
    while (byToken.size() >= MAX_SESSIONS) {
      byToken.values().stream()
          .min(Comparator.comparing(AdminSession::lastSeen))
          .ifPresent(oldest -> byToken.remove(oldest.token()));
    }
    AdminSession session = new AdminSession(newToken(), newToken(), now, address);
    byToken.put(session.token(), session);
    return session;
  }

  /** The live session for {@code token}, marking it used; an expired one is removed. */
  Optional<AdminSession> find(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    AdminSession session = byToken.get(token);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      byToken.remove(token, session);
      return Optional.empty();
    }
    session.seen(now);
    return Optional.of(session);
  }

  /** Whether {@code session} may still be used, without marking it used. */
  boolean isLive(AdminSession session) {
    return byToken.get(session.token()) == session && !expired(session, clock.instant());
  }

  void end(AdminSession session) {
    byToken.remove(session.token(), session);
  }

  int size() {
    return byToken.size();
  }

  private void forgetExpired(Instant now) {
    byToken.values().removeIf(s -> expired(s, now));
  }

  private static boolean expired(AdminSession s, Instant now) {
    return !now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.created().plus(LIFETIME));
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return TOKEN_TEXT.encodeToString(bytes);
  }
}
