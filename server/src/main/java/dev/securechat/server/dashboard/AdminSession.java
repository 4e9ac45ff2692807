package dev.securechat.server.dashboard;

import java.time.Instant;

/**
 * One logged-in dashboard visitor. The token travels only in the HttpOnly cookie; the CSRF token is
 * put into pages for their POSTs, where a cross-site form cannot read it.
 */
final class AdminSession {
  private final String token;
  private final String csrfToken;
  private final Instant created;
  private final String address;
  private volatile Instant lastSeen;

  AdminSession(String token, String csrfToken, Instant created, String address) {
    this.token = token;
    this.csrfToken = csrfToken;
    this.created = created;
    this.address = address;
    this.lastSeen = created;
  }

  String token() {
    return token;
  }

  String csrfToken() {
    return csrfToken;
  }

  Instant created() {
    return created;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void seen(Instant now) {
    lastSeen = now;
  }

  /** The address the admin logged in from, as the audit trail records it. */
  String address() {
    return address;
  }

  @Override
  public String toString() {
    return "AdminSession[from " + address + " since " + created + "]";
  }
}
