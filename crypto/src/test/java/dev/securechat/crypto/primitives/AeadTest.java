package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AeadTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] key = randomBytes(Aead.KEY_BYTES);
  private final byte[] ad = "SC1-STORE\u0001bob".getBytes(StandardCharsets.US_ASCII);

  @Test
  void roundTripsWithAFreshNonceEachTime() throws InvalidMessageException {
    byte[] plaintext = randomBytes(45);
    byte[] first = Aead.seal(key, plaintext, ad, random);
    byte[] second = Aead.seal(key, plaintext, ad, random);
    assertThat(first).hasSize(12 + 45 + 16).isNotEqualTo(second);
    assertThat(Aead.open(key, first, ad)).isEqualTo(plaintext);
    assertThat(Aead.open(key, second, ad)).isEqualTo(plaintext);
    assertThat(Aead.open(key, Aead.seal(key, new byte[0], ad, random), ad)).isEmpty();
  }

  /** Property: changing any single byte (nonce, ciphertext or tag) in any way is detected. */
  @Test
  void everySingleByteChangeIsRejected() {
    byte[] sealed = Aead.seal(key, randomBytes(20), ad, random);
    for (int position = 0; position < sealed.length; position++) {
      for (int mask : new int[] {0x01, 0x10, 0x80, 0xFF}) {
        byte[] tampered = sealed.clone();
        tampered[position] ^= (byte) mask;
        assertThatThrownBy(() -> Aead.open(key, tampered, ad))
            .as("byte %d xor 0x%02x", position, mask)
            .isInstanceOf(InvalidMessageException.class);
      }
    }
  }

  @Test
  void truncatedOrExtendedRecordsAreRejected() {
    byte[] sealed = Aead.seal(key, randomBytes(20), ad, random);
    for (int length = 0; length < sealed.length; length++) {
      byte[] truncated = Arrays.copyOf(sealed, length);
      assertThatThrownBy(() -> Aead.open(key, truncated, ad))
          .as("truncated to %d", length)
          .isInstanceOf(InvalidMessageException.class);
    }
    byte[] extended = Arrays.copyOf(sealed, sealed.length + 1);
    assertThatThrownBy(() -> Aead.open(key, extended, ad))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void associatedDataMismatchIsRejected() {
    byte[] sealed = Aead.seal(key, randomBytes(20), ad, random);
    byte[][] others = {
      new byte[0],
      Arrays.copyOf(ad, ad.length - 1),
      Arrays.copyOf(ad, ad.length + 1),
      "SC1-STORE\u0001eve".getBytes(StandardCharsets.US_ASCII),
    };
    for (byte[] other : others) {
      assertThatThrownBy(() -> Aead.open(key, sealed, other))
          .isInstanceOf(InvalidMessageException.class);
    }
    for (int i = 0; i < ad.length; i++) {
      byte[] other = ad.clone();
      other[i] ^= 1;
      assertThatThrownBy(() -> Aead.open(key, sealed, other))
          .as("AD byte %d", i)
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void anotherKeyIsRejected() {
    byte[] sealed = Aead.seal(key, randomBytes(20), ad, random);
    byte[] other = key.clone();
    other[31] ^= 1;
    assertThatThrownBy(() -> Aead.open(other, sealed, ad))
        .isInstanceOf(InvalidMessageException.class);
  }

  /** AES-128 and AES-192 keys are refused rather than silently used (the fix in Aead). */
  @Test
  void keysOfAnotherLengthAreAProgrammingError() {
    byte[] sealed = Aead.seal(key, randomBytes(5), ad, random);
    for (int length : new int[] {0, 16, 24, 31, 33}) {
      byte[] bad = new byte[length];
      assertThatThrownBy(() -> Aead.seal(bad, new byte[1], ad, random))
          .as("seal with a %d-byte key", length)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Aead.open(bad, sealed, ad))
          .as("open with a %d-byte key", length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
