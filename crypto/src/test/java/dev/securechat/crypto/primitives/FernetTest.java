package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FernetTest {
  private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
  private final SecureRandom random = new SecureRandom();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 100})
  void roundTripsAndCarriesTheTimestamp(int length) throws InvalidMessageException {
    byte[] key = randomBytes(Fernet.KEY_BYTES);
    byte[] plaintext = randomBytes(length);
    byte[] token = Fernet.encrypt(key, plaintext, random, NOW);

    assertThat(Fernet.decrypt(key, token)).isEqualTo(plaintext);
    assertThat(Fernet.timestamp(token)).isEqualTo(NOW);
    assertThat(token[0] & 0xFF).isEqualTo(0x80);
  }

  /** Property: whatever single byte of a token changes, and however, the token is refused. */
  @ParameterizedTest
  @ValueSource(ints = {0, 5, 16, 33})
  void everySingleByteChangeIsRejected(int length) {
    byte[] key = randomBytes(Fernet.KEY_BYTES);
    byte[] token = Fernet.encrypt(key, randomBytes(length), random, NOW);
    int checked = 0;
    for (int position = 0; position < token.length; position++) {
      for (int mask : new int[] {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF}) {
        byte[] tampered = token.clone();
        tampered[position] ^= (byte) mask;
        assertThatThrownBy(() -> Fernet.decrypt(key, tampered))
            .as("byte %d of %d xor 0x%02x", position, token.length, mask)
            .isInstanceOf(InvalidMessageException.class);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(token.length * 9);
  }

  @Test
  void everyTruncationAndAnExtensionAreRejected() {
    byte[] key = randomBytes(Fernet.KEY_BYTES);
    byte[] token = Fernet.encrypt(key, randomBytes(20), random, NOW);
    for (int length = 0; length < token.length; length++) {
      byte[] truncated = Arrays.copyOf(token, length);
      assertThatThrownBy(() -> Fernet.decrypt(key, truncated))
          .as("truncated to %d bytes", length)
          .isInstanceOf(InvalidMessageException.class);
    }
    for (int extra : new int[] {1, 16, 32}) {
      byte[] extended = Arrays.copyOf(token, token.length + extra);
      assertThatThrownBy(() -> Fernet.decrypt(key, extended))
          .as("%d bytes appended", extra)
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void anotherSigningKeyIsRejected() {
    byte[] key = randomBytes(Fernet.KEY_BYTES);
    byte[] token = Fernet.encrypt(key, randomBytes(10), random, NOW);
    // Only the signing half (bytes 0-15) is authenticated: a wrong encryption half fails at the
    // padding most of the time and otherwise yields other bytes, never the plaintext.
    for (int bit = 0; bit < 16 * 8; bit++) {
      byte[] other = key.clone();
      other[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> Fernet.decrypt(other, token))
          .as("key bit %d flipped", bit)
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void anotherEncryptionKeyNeverYieldsThePlaintext() {
    byte[] key = randomBytes(Fernet.KEY_BYTES);
    byte[] plaintext = randomBytes(10);
    byte[] token = Fernet.encrypt(key, plaintext, random, NOW);
    for (int bit = 16 * 8; bit < Fernet.KEY_BYTES * 8; bit++) {
      byte[] other = key.clone();
      other[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        assertThat(Fernet.decrypt(other, token))
            .as("key bit %d flipped", bit)
            .isNotEqualTo(plaintext);
      } catch (InvalidMessageException expected) {
        // The usual outcome: the padding does not check out.
      }
    }
  }

  @Test
  void keysOfAnotherLengthAreAProgrammingError() {
    assertThatThrownBy(() -> Fernet.encrypt(new byte[16], new byte[1], random, NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fernet.decrypt(new byte[33], new byte[89]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
