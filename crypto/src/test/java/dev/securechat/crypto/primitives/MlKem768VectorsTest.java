package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.TestVectors.FixedRandom;
import dev.securechat.crypto.primitives.TestVectors.Node;
import dev.securechat.crypto.primitives.TestVectors.Result;
import dev.securechat.crypto.primitives.TestVectors.Tally;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Wycheproof ML-KEM-768: mlkem_768_test.json (key generation from a seed, then decapsulation) and
 * mlkem_768_encaps_test.json (encapsulation with a fixed message m).
 *
 * <p>The JDK has no seed API (crypto.md). Key generation draws d then z (32 bytes each) from the
 * SecureRandom it is given, and encapsulation draws m (32 bytes), so the test feeds the file's
 * 64-byte seed (d || z) or m through a {@link FixedRandom} and checks that exactly those bytes were
 * drawn. Our private key is the PKCS#8 encoding the generator returns.
 */
class MlKem768VectorsTest {
  private static final int SEED_BYTES = 64;

  /**
   * Valid: the derived public key equals "ek" and decapsulating "c" gives "K" (including the
   * implicit-rejection cases: random or bit-flipped ciphertexts give the file's pseudorandom K).
   * Invalid ciphertext lengths throw InvalidMessageException.
   *
   * <p>Cannot run: the "Private key too short/long" cases, whose "private key" is a seed of the
   * wrong length. Our API takes no seed at all, only the PKCS#8 key that generate() produced, so no
   * such input can reach it; they are counted as not applicable, and the test checks that they are
   * exactly the invalid cases with a seed that is not 64 bytes.
   */
  @Test
  void keyGenerationAndDecapsulation(TestReporter reporter) throws InvalidMessageException {
    String file = "wycheproof/mlkem_768_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      assertThat(group.get("parameterSet").str()).isEqualTo("ML-KEM-768");
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + comment(t);
        byte[] seed = t.get("seed").hex();
        Result result = Result.of(t);
        if (seed.length != SEED_BYTES) {
          assertThat(result).as(what).isEqualTo(Result.INVALID);
          tally.notApplicable("seed not 64 bytes: our API has no seed input");
          continue;
        }
        FixedRandom random = new FixedRandom(seed);
        MlKem768.KeyPair pair = MlKem768.generate(random);
        assertThat(random.usedExactly()).as(what + " drew the 64-byte seed").isTrue();
        if (t.has("ek")) {
          assertThat(pair.publicKey()).as(what + " ek").isEqualTo(t.get("ek").hex());
        }
        byte[] c = t.get("c").hex();
        switch (result) {
          case VALID -> {
            assertThat(MlKem768.decapsulate(pair.privateKey(), c))
                .as(what)
                .isEqualTo(t.get("K").hex());
            tally.ran("valid: ek and K match");
          }
          case INVALID -> {
            assertThatThrownBy(() -> MlKem768.decapsulate(pair.privateKey(), c))
                .as(what)
                .isInstanceOf(InvalidMessageException.class);
            tally.ran("invalid (" + comment(t) + "): InvalidMessageException");
          }
          case ACCEPTABLE -> throw new AssertionError(what + ": no acceptable cases expected");
        }
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }

  /**
   * Valid: encapsulating to "ek" with m gives "c" and "K". Invalid (coefficients not reduced mod q,
   * i.e. the FIPS 203 modulus check, and wrong lengths): InvalidMessageException.
   */
  @Test
  void encapsulation(TestReporter reporter) throws InvalidMessageException {
    String file = "wycheproof/mlkem_768_encaps_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      assertThat(group.get("parameterSet").str()).isEqualTo("ML-KEM-768");
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + comment(t);
        byte[] ek = t.get("ek").hex();
        FixedRandom m = new FixedRandom(t.get("m").hex());
        Result result = Result.of(t);
        switch (result) {
          case VALID -> {
            MlKem768.Encapsulated out = MlKem768.encapsulate(ek, m);
            assertThat(m.usedExactly()).as(what + " drew m").isTrue();
            assertThat(out.ciphertext()).as(what + " c").isEqualTo(t.get("c").hex());
            assertThat(out.sharedSecret()).as(what + " K").isEqualTo(t.get("K").hex());
            tally.ran("valid: c and K match");
          }
          case INVALID -> {
            assertThatThrownBy(() -> MlKem768.encapsulate(ek, m))
                .as(what)
                .isInstanceOf(InvalidMessageException.class);
            tally.ran("invalid (" + comment(t) + "): InvalidMessageException");
          }
          case ACCEPTABLE -> throw new AssertionError(what + ": no acceptable cases expected");
        }
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }

  @Test
  void roundTripAndImplicitRejection() throws InvalidMessageException {
    SecureRandom random = new SecureRandom();
    MlKem768.KeyPair pair = MlKem768.generate(random);
    assertThat(pair.publicKey()).hasSize(MlKem768.PUBLIC_KEY_BYTES);
    MlKem768.Encapsulated sent = MlKem768.encapsulate(pair.publicKey(), random);
    assertThat(sent.ciphertext()).hasSize(MlKem768.CIPHERTEXT_BYTES);
    assertThat(MlKem768.decapsulate(pair.privateKey(), sent.ciphertext()))
        .hasSize(MlKem768.SECRET_BYTES)
        .isEqualTo(sent.sharedSecret());
    byte[] tampered = sent.ciphertext().clone();
    tampered[100] ^= 1;
    // FIPS 203 implicit rejection: no error, a different secret (crypto.md).
    assertThat(MlKem768.decapsulate(pair.privateKey(), tampered)).isNotEqualTo(sent.sharedSecret());
  }

  private static String comment(Node t) {
    String comment = t.has("comment") ? t.get("comment").str() : "";
    if (comment.isEmpty() && t.has("flags")) {
      return String.join(",", t.get("flags").strings());
    }
    return comment;
  }
}
