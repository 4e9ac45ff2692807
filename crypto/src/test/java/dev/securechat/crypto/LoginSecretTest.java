package dev.securechat.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginSecretTest {
  @Test
  void sameInputsGiveSameSecret() {
    byte[] a = LoginSecret.derive("alice", "correct horse".toCharArray());
    byte[] b = LoginSecret.derive("alice", "correct horse".toCharArray());
    assertThat(a).hasSize(32).isEqualTo(b);
  }

  @Test
  void usernameAndPasswordBothChangeTheSecret() {
    byte[] base = LoginSecret.derive("alice", "correct horse".toCharArray());
    assertThat(LoginSecret.derive("alicf", "correct horse".toCharArray())).isNotEqualTo(base);
    assertThat(LoginSecret.derive("alice", "correct horsf".toCharArray())).isNotEqualTo(base);
  }
}
