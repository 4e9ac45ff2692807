package dev.securechat.crypto.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyNumberTest {
  private static final byte[] ALICE_KEY = pattern(294, 1);
  private static final byte[] BOB_KEY = pattern(294, 7);

  /**
   * Computed once with this implementation for ("alice", bytes i * 1) and ("bob", bytes i * 7), 294
   * bytes each; {@link #reference} and a separate Python hashlib script gave the same digits.
   */
  private static final String PINNED =
      "471801924888097527741737352052752293179914192982209940713769";

  @Test
  void bothSidesSeeTheSameSixtyDigits() {
    SafetyNumber a = SafetyNumber.of("alice", ALICE_KEY, "bob", BOB_KEY);
    SafetyNumber b = SafetyNumber.of("bob", BOB_KEY, "alice", ALICE_KEY);
    assertThat(a).isEqualTo(b);
    assertThat(a.digits()).hasSize(60).containsOnlyDigits();
  }

  @Test
  void aDifferentKeyOrNameGivesADifferentNumber() {
    SafetyNumber base = SafetyNumber.of("alice", ALICE_KEY, "bob", BOB_KEY);
    byte[] otherKey = BOB_KEY.clone();
    otherKey[100] ^= 1;
    assertThat(SafetyNumber.of("alice", ALICE_KEY, "bob", otherKey)).isNotEqualTo(base);
    assertThat(SafetyNumber.of("alice", ALICE_KEY, "bobby", BOB_KEY)).isNotEqualTo(base);
  }

  @Test
  void theNumberForFixedInputsIsPinnedAndMatchesAStraightforwardImplementation() throws Exception {
    SafetyNumber number = SafetyNumber.of("alice", ALICE_KEY, "bob", BOB_KEY);
    assertThat(number.digits()).isEqualTo(reference("alice", ALICE_KEY, "bob", BOB_KEY));
    assertThat(number.digits()).isEqualTo(PINNED);
  }

  @Test
  void theReferenceAgreesOnRandomInputs() throws Exception {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 3; i++) {
      byte[] k1 = new byte[294];
      byte[] k2 = new byte[294];
      random.nextBytes(k1);
      random.nextBytes(k2);
      assertThat(SafetyNumber.of("u" + i, k1, "v" + i, k2).digits())
          .isEqualTo(reference("u" + i, k1, "v" + i, k2));
    }
  }

  @Test
  void formattedIsTwelveGroupsOfFive() {
    SafetyNumber n = new SafetyNumber("0".repeat(30) + "123456789".repeat(3) + "123");
    assertThat(n.formatted())
        .isEqualTo("00000 00000 00000 00000 00000 00000 12345 67891 23456 78912 34567 89123");
    assertThat(SafetyNumber.of("alice", ALICE_KEY, "bob", BOB_KEY).formatted())
        .matches("(\\d{5} ){11}\\d{5}");
  }

  @Test
  void nonCanonicalNamesAndMalformedNumbersAreRefused() {
    assertThatThrownBy(() -> SafetyNumber.of("Alice", ALICE_KEY, "bob", BOB_KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SafetyNumber("12345"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SafetyNumber("x".repeat(60)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * crypto.md's text, written out independently: one MessageDigest, BigInteger for the chunks,
   * sorting a list.
   */
  private static String reference(String u1, byte[] k1, String u2, byte[] k2) throws Exception {
    List<String> halves = new ArrayList<>();
    for (Object[] side : new Object[][] {{u1, k1}, {u2, k2}}) {
      byte[] key = (byte[]) side[1];
      MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
      sha512.update(new byte[2]);
      sha512.update(key);
      sha512.update(((String) side[0]).getBytes(StandardCharsets.UTF_8));
      byte[] h = sha512.digest();
      for (int i = 0; i < 5200; i++) {
        sha512.update(h);
        sha512.update(key);
        h = sha512.digest();
      }
      StringBuilder digits = new StringBuilder();
      for (int chunk = 0; chunk < 6; chunk++) {
        byte[] five = java.util.Arrays.copyOfRange(h, chunk * 5, chunk * 5 + 5);
        BigInteger value = new BigInteger(1, five).mod(BigInteger.valueOf(100000));
        digits.append(String.format("%05d", value));
      }
      halves.add(digits.toString());
    }
    halves.sort(null);
    return halves.get(0) + halves.get(1);
  }

  private static byte[] pattern(int length, int step) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (i * step);
    }
    return out;
  }
}
