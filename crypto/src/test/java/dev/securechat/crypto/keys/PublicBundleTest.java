package dev.securechat.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicBundleTest {
  private static final Instant NOW = TestKeys.T0.plus(Duration.ofHours(1));

  private final IdentityKeys bob = TestKeys.user("bob").identityKeys();
  private final PreKeys bobPreKeys = TestKeys.user("bob").preKeysCopy();
  private final PublicBundle published = PublicBundle.of("bob", bob, bobPreKeys, TestKeys.RANDOM);
  private final OneTimePreKey opk = bobPreKeys.oneTimePublicKeys().getFirst();

  /** What a client gets back from the server for {@code name}. */
  private PublicBundle fetched(String name, byte[] ik, byte[] keyBundle)
      throws InvalidMessageException {
    return PublicBundle.parse(name, ik, keyBundle, Optional.of(opk));
  }

  @Test
  void aPublishedBundleVerifiesForItsOwnName() throws InvalidMessageException {
    PublicBundle b = fetched("bob", bob.publicKey(), published.keyBundleBytes());
    VerifiedBundle v = b.verify("bob", NOW);
    assertThat(v.bundle().identityKey()).isEqualTo(bob.publicKey());
    assertThat(v.bundle().signedPreKey().publicKey())
        .isEqualTo(bobPreKeys.current().signedPreKey().publicKey());
    assertThat(v.bundle().oneTimePreKey()).isPresent();
    assertThat(v.bundle().oneTimePreKey().get().id()).isEqualTo(opk.id());
  }

  @Test
  void keyBundleHasTheDocumentedSize() {
    // docs/crypto-sessions.md: 1 + 256 + (12 + 32 + 256) + (12 + 1184 + 256) + (12 + 294 + 256).
    assertThat(published.keyBundleBytes()).hasSize(2571);
  }

  @Test
  void registrationForAnotherNameIsRefused() throws InvalidMessageException {
    PublicBundle b = fetched("bob", bob.publicKey(), published.keyBundleBytes());
    assertThatThrownBy(() -> b.verify("carol", NOW)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void anAccountPresentingSomeoneElsesKeyAndRegistrationIsRefused() throws InvalidMessageException {
    // Mallory registered with Bob's identity key and Bob's bundle: REG names "bob", not her.
    PublicBundle b = fetched("mallory", bob.publicKey(), published.keyBundleBytes());
    assertThatThrownBy(() -> b.verify("mallory", NOW)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void aBundleSignedByAnotherIdentityIsRefused() throws InvalidMessageException {
    IdentityKeys carol = TestKeys.user("carol").identityKeys();
    PublicBundle b = fetched("bob", carol.publicKey(), published.keyBundleBytes());
    assertThatThrownBy(() -> b.verify("bob", NOW)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void everyFlippedByteIsRefused() {
    byte[] keyBundle = published.keyBundleBytes();
    for (int i = 0; i < keyBundle.length; i++) {
      byte[] bad = keyBundle.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> fetched("bob", bob.publicKey(), bad).verify("bob", NOW))
          .as("byte %d of the key bundle", i)
          .isInstanceOf(InvalidMessageException.class);
    }
    byte[] ik = bob.publicKey();
    for (int i = 0; i < ik.length; i++) {
      byte[] bad = ik.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> fetched("bob", bad, keyBundle).verify("bob", NOW))
          .as("byte %d of the identity key", i)
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void prekeysOlderThan37DaysAreRefused() throws InvalidMessageException {
    PublicBundle b = fetched("bob", bob.publicKey(), published.keyBundleBytes());
    Instant created = Instant.ofEpochSecond(bobPreKeys.current().createdEpochSecond());
    assertThat(b.verify("bob", created.plus(Duration.ofDays(37)))).isNotNull();
    assertThatThrownBy(() -> b.verify("bob", created.plus(Duration.ofDays(37)).plusSeconds(1)))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void prekeysFromTheFutureAreRefused() throws InvalidMessageException {
    PublicBundle b = fetched("bob", bob.publicKey(), published.keyBundleBytes());
    Instant created = Instant.ofEpochSecond(bobPreKeys.current().createdEpochSecond());
    assertThat(b.verify("bob", created.minus(Duration.ofHours(23)))).isNotNull();
    assertThatThrownBy(() -> b.verify("bob", created.minus(Duration.ofDays(2))))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void malformedInputIsRefusedBeforeVerification() {
    byte[] kb = published.keyBundleBytes();
    byte[] version = kb.clone();
    version[0] = 2;
    byte[] spkBit255 = kb.clone();
    spkBit255[1 + 256 + 12 + 31] |= (byte) 0x80;
    for (byte[] bad :
        new byte[][] {
          Arrays.copyOf(kb, kb.length - 1), Arrays.copyOf(kb, kb.length + 1), version, spkBit255, {}
        }) {
      assertThatThrownBy(() -> fetched("bob", bob.publicKey(), bad))
          .isInstanceOf(InvalidMessageException.class);
    }
    assertThatThrownBy(() -> fetched("bob", Arrays.copyOf(bob.publicKey(), 293), kb))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> fetched("", bob.publicKey(), kb))
        .isInstanceOf(InvalidMessageException.class);
    byte[] highOpk = opk.publicKey().clone();
    highOpk[31] |= (byte) 0x80;
    assertThatThrownBy(
            () ->
                PublicBundle.parse(
                    "bob", bob.publicKey(), kb, Optional.of(new OneTimePreKey(1, highOpk))))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(
            () ->
                PublicBundle.parse(
                    "bob", bob.publicKey(), kb, Optional.of(new OneTimePreKey(1, new byte[31]))))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void withoutOneTimePreKeyStillVerifies() throws InvalidMessageException {
    PublicBundle b =
        PublicBundle.parse("bob", bob.publicKey(), published.keyBundleBytes(), Optional.empty());
    assertThat(b.verify("bob", NOW).bundle().oneTimePreKey()).isEmpty();
  }
}
