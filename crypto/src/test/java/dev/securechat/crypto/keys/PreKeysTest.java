package dev.securechat.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Hashes;
import dev.securechat.crypto.primitives.X25519;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PreKeysTest {
  private final IdentityKeys bob = TestKeys.user("bob").identityKeys();
  private final PreKeys preKeys = TestKeys.user("bob").preKeysCopy();

  @Test
  void generatesOneSetAndAHundredOneTimePreKeys() {
    assertThat(preKeys.sets()).hasSize(1);
    assertThat(preKeys.current().id()).isEqualTo(1);
    assertThat(preKeys.oneTimePreKeyCount()).isEqualTo(PreKeys.ONE_TIME_BATCH);
    assertThat(preKeys.oneTimePublicKeys().stream().map(OneTimePreKey::id).toList())
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList());
    PreKeySet s = preKeys.current();
    assertThat(X25519.publicKeyOf(s.signedPreKey().privateKey()))
        .isEqualTo(s.signedPreKey().publicKey());
  }

  @Test
  void oneTimePreKeyIdsContinue() {
    List<OneTimePreKey> added = preKeys.generateOneTimePreKeys(3, TestKeys.RANDOM);
    assertThat(added).extracting(OneTimePreKey::id).containsExactly(101, 102, 103);
    assertThat(preKeys.oneTimePreKey(102)).isPresent();
    assertThat(preKeys.oneTimePreKeyCount()).isEqualTo(103);
  }

  @Test
  void recordInitiationDeletesTheOneTimePreKeyAndRemembersTheEphemeralKey() {
    byte[] ekHash = Hashes.sha256(new byte[] {7});
    int spk = preKeys.current().id();
    assertThat(preKeys.seen(spk, ekHash)).isFalse();
    preKeys.recordInitiation(spk, ekHash, OptionalInt.of(5));
    assertThat(preKeys.seen(spk, ekHash)).isTrue();
    assertThat(preKeys.oneTimePreKey(5)).isEmpty();
    assertThat(preKeys.oneTimePreKeyCount()).isEqualTo(99);
  }

  @Test
  void storedFormRoundTripsWithTheSeenSet() throws InvalidMessageException {
    byte[] ekHash = Hashes.sha256(new byte[] {9});
    preKeys.recordInitiation(1, ekHash, OptionalInt.of(1));
    PreKeys back = PreKeys.parse(preKeys.serialize());
    assertThat(back.serialize()).isEqualTo(preKeys.serialize());
    assertThat(back.seen(1, ekHash)).isTrue();
    assertThat(back.oneTimePreKey(1)).isEmpty();
    assertThat(back.generateOneTimePreKeys(1, TestKeys.RANDOM).getFirst().id()).isEqualTo(101);
  }

  @Test
  void corruptStoredFormsAreRefused() {
    byte[] s = preKeys.serialize();
    byte[] version = s.clone();
    version[0] = 9;
    for (byte[] bad :
        new byte[][] {Arrays.copyOf(s, s.length - 1), Arrays.copyOf(s, s.length + 1), version}) {
      assertThatThrownBy(() -> PreKeys.parse(bad)).isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void rotatesEverySevenDaysAndKeepsReplacedSetsThirtyDays() {
    Instant t0 = Instant.ofEpochSecond(preKeys.current().createdEpochSecond());
    assertThat(preKeys.rotateIfDue(bob, TestKeys.RANDOM, t0.plus(Duration.ofDays(6)))).isFalse();
    Instant rotated = t0.plus(PreKeys.ROTATION);
    assertThat(preKeys.rotateIfDue(bob, TestKeys.RANDOM, rotated)).isTrue();
    assertThat(preKeys.current().id()).isEqualTo(2);
    assertThat(preKeys.set(1)).isPresent();

    Instant almost = rotated.plus(PreKeys.RETENTION).minusSeconds(1);
    assertThat(preKeys.rotateIfDue(bob, TestKeys.RANDOM, almost)).isTrue();
    // Set 1 was replaced at `rotated`: still kept one second before its 30 days are up.
    assertThat(preKeys.sets()).extracting(PreKeySet::id).containsExactly(1, 2, 3);

    preKeys.rotateIfDue(bob, TestKeys.RANDOM, rotated.plus(PreKeys.RETENTION));
    assertThat(preKeys.sets()).extracting(PreKeySet::id).containsExactly(2, 3);
    assertThat(preKeys.set(1)).isEmpty();
  }
}
