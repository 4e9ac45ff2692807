package dev.securechat.server.auth;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.server.store.Account;
import java.time.Duration;

/** The outcome of a registration, login or resume. */
public sealed interface AuthResult {
  /**
   * A logged-in account. {@code deviceToken} is the new token after a password login and empty
   * after a resume; {@code broadcastCursor} is where broadcast delivery starts.
   */
  record Granted(
      Account account,
      byte[] deviceToken,
      long sessionNo,
      long broadcastCursor,
      long missedBroadcasts)
      implements AuthResult {
    @Override
    public String toString() {
      return "Granted[" + account.username() + ", session " + sessionNo + "]";
    }
  }

  record Registered(String username) implements AuthResult {}

  /** Refused; {@code retryAfter} is zero unless the refusal is a lockout. */
  record Refused(ErrorCode code, String message, Duration retryAfter) implements AuthResult {
    static Refused of(ErrorCode code) {
      return new Refused(code, code.description(), Duration.ZERO);
    }
  }
}
