package dev.securechat.server.status;

/**
 * The figures that come from the database rather than from meters. {@code failedLoginsLastHour}
 * counts failed chat logins, failed resumes and failed dashboard logins in the audit trail.
 */
public record StoreCounts(long registeredUsers, long pendingMessages, long failedLoginsLastHour) {
  public static final StoreCounts NONE = new StoreCounts(0, 0, 0);
}
