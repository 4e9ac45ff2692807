package dev.securechat.bench.load;

/** A connection that did not reach a logged-in state, and why, in words for the report. */
public final class LoginFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String kind;

  public LoginFailedException(String kind, String detail) {
    super(kind + (detail.isEmpty() ? "" : " (" + detail + ")"));
    this.kind = kind;
  }

  /** A short reason to count failures by, e.g. "login: LOGIN_TIMEOUT" or "connect: refused". */
  public String kind() {
    return kind;
  }
}
