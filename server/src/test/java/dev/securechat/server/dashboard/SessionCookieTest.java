package dev.securechat.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionCookieTest {

  @Test
  void plainHttpCookieIsHttpOnlyAndStrict() {
    SessionCookie cookie = new SessionCookie(false);

    assertThat(cookie.issue("abc"))
        .isEqualTo("securechat_admin=abc; Path=/; HttpOnly; SameSite=Strict");
    assertThat(cookie.clear())
        .isEqualTo("securechat_admin=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
  }

  @Test
  void tlsCookieIsAlsoSecureAndHostPrefixed() {
    SessionCookie cookie = new SessionCookie(true);

    assertThat(cookie.name()).isEqualTo("__Host-securechat_admin");
    assertThat(cookie.issue("abc"))
        .isEqualTo("__Host-securechat_admin=abc; Path=/; HttpOnly; SameSite=Strict; Secure");
  }
}
