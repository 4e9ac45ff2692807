package dev.securechat.server.dashboard;

/**
 * The admin session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (no other site can
 * make the browser send it), Path=/, and no expiry (it ends with the browser; the server expires it
 * sooner). Over TLS it is also Secure and takes the {@code __Host-} prefix, which makes the browser
 * refuse it from plain HTTP or with a Domain attribute.
 */
final class SessionCookie {
  private static final String NAME = "securechat_admin";

  private final boolean secure;

  SessionCookie(boolean secure) {
    this.secure = secure;
  }

  String name() {
    return secure ? "__Host-" + NAME : NAME;
  }

  /** The {@code Set-Cookie} value that hands {@code token} to the browser. */
  String issue(String token) {
    return name() + "=" + token + attributes();
  }

  /** The {@code Set-Cookie} value that makes the browser forget the cookie. */
  String clear() {
    return name() + "=; Max-Age=0" + attributes();
  }

  private String attributes() {
    return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
