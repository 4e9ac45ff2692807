package dev.securechat.server.store;

/**
 * An ack (or another write) came from a session the account has replaced by logging in again: the
 * writer refused it and changed nothing.
 */
public final class SessionReplacedException extends RuntimeException {
  public SessionReplacedException(long userId, long sessionNo) {
    super("user " + userId + " has logged in again since session " + sessionNo);
  }
}
