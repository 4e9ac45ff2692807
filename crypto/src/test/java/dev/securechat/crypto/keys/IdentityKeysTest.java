package dev.securechat.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Rsa;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdentityKeysTest {
  private final IdentityKeys alice = TestKeys.user("alice").identityKeys();
  private final IdentityKeys bob = TestKeys.user("bob").identityKeys();

  @Test
  void publicKeyIsThe294ByteSpki() throws InvalidMessageException {
    assertThat(alice.publicKey()).hasSize(Rsa.PUBLIC_KEY_BYTES);
    assertThat(Rsa.publicKey(alice.publicKey())).isNotNull();
  }

  @Test
  void registrationSignatureCoversNameAndKey() {
    byte[] reg = alice.registrationSignature("alice", TestKeys.RANDOM);
    byte[] ik = alice.publicKey();
    assertThat(reg).hasSize(IdentityKeys.SIGNATURE_BYTES);
    assertThat(Rsa.verify(ik, IdentityKeys.registrationMessage("alice", ik), reg)).isTrue();
    assertThat(Rsa.verify(ik, IdentityKeys.registrationMessage("alicf", ik), reg)).isFalse();
    assertThat(Rsa.verify(ik, IdentityKeys.registrationMessage("alice", bob.publicKey()), reg))
        .isFalse();
  }

  @Test
  void storedFormRoundTrips() throws InvalidMessageException {
    IdentityKeys back = IdentityKeys.parse(alice.serialize());
    assertThat(back.publicKey()).isEqualTo(alice.publicKey());
    byte[] msg = {1, 2, 3};
    assertThat(Rsa.verify(alice.publicKey(), msg, back.sign(msg, TestKeys.RANDOM))).isTrue();
  }

  @Test
  void storedFormWithAnotherUsersPrivateKeyIsRefused() {
    byte[] a = alice.serialize();
    byte[] b = bob.serialize();
    // Alice's public half (2 + 294 bytes after the version) with Bob's private half.
    byte[] spliced = new byte[b.length];
    System.arraycopy(a, 0, spliced, 0, 297);
    System.arraycopy(b, 297, spliced, 297, b.length - 297);
    assertThatThrownBy(() -> IdentityKeys.parse(spliced))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void truncatedOrTrailingOrUnknownVersionIsRefused() {
    byte[] s = alice.serialize();
    byte[] longer = Arrays.copyOf(s, s.length + 1);
    byte[] version = s.clone();
    version[0] = 2;
    for (byte[] bad : new byte[][] {Arrays.copyOf(s, s.length - 1), longer, version, {}}) {
      assertThatThrownBy(() -> IdentityKeys.parse(bad)).isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(alice.toString()).doesNotContainIgnoringCase("30820");
  }
}
