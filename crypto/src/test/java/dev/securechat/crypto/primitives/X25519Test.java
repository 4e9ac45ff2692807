package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class X25519Test {
  private final SecureRandom random = new SecureRandom();

  @Test
  void publicKeyOfMatchesGenerate() {
    for (int i = 0; i < 20; i++) {
      X25519.KeyPair pair = X25519.generate(random);
      assertThat(pair.publicKey()).hasSize(X25519.KEY_BYTES);
      assertThat(pair.privateKey()).hasSize(X25519.KEY_BYTES);
      assertThat(X25519.publicKeyOf(pair.privateKey())).isEqualTo(pair.publicKey());
    }
  }

  @Test
  void bothSidesAgree() throws InvalidMessageException {
    X25519.KeyPair a = X25519.generate(random);
    X25519.KeyPair b = X25519.generate(random);
    assertThat(X25519.agree(a.privateKey(), b.publicKey()))
        .hasSize(32)
        .isEqualTo(X25519.agree(b.privateKey(), a.publicKey()));
  }

  @Test
  void refusesBadPublicKeys() {
    byte[] priv = X25519.generate(random).privateKey();
    byte[] good = X25519.generate(random).publicKey();
    byte[] bit255 = good.clone();
    bit255[31] |= (byte) 0x80;
    byte[] one = new byte[32];
    one[0] = 1; // u = 0 and u = 1 are low-order points: the secret is all zero
    for (byte[] bad : new byte[][] {new byte[31], new byte[33], bit255, new byte[32], one}) {
      assertThatThrownBy(() -> X25519.agree(priv, bad)).isInstanceOf(InvalidMessageException.class);
    }
    assertThatThrownBy(() -> X25519.checkPublic(null)).isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> X25519.checkPublic(bit255))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void keyPairHidesThePrivateKey() {
    X25519.KeyPair pair = X25519.generate(random);
    assertThat(pair.toString())
        .doesNotContain(java.util.HexFormat.of().formatHex(pair.privateKey()));
  }
}
