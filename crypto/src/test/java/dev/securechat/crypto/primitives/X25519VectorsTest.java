package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.TestVectors.Node;
import dev.securechat.crypto.primitives.TestVectors.Result;
import dev.securechat.crypto.primitives.TestVectors.Tally;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Wycheproof x25519_test.json and RFC 7748 (sections 5.2 and 6.1).
 *
 * <p>Our X25519.agree is stricter than RFC 7748, which both files follow, in two documented ways:
 *
 * <ul>
 *   <li>A public key with bit 255 set is refused (crypto.md "Encodings"). RFC 7748 section 5 says
 *       to mask that bit, and Wycheproof marks such keys "acceptable" (flags NonCanonicalPublic,
 *       LowOrderPublic, ...). The test asserts our refusal and, where the secret is not zero, that
 *       the masked key gives the file's shared secret, so the refusal is the only difference.
 *   <li>A public key that yields the all-zero shared secret is refused (the optional check of RFC
 *       7748 section 6.1; Wycheproof flag ZeroSharedSecret, "acceptable").
 * </ul>
 *
 * Every other case, valid or acceptable (twist points, non-canonical u below 2^255, edge cases),
 * must give exactly the file's shared secret; an "invalid" case must be refused.
 */
class X25519VectorsTest {
  private static final String REJECTED_BIT_255 = "refused: bit 255 set (crypto.md)";
  private static final String REJECTED_ZERO = "refused: all-zero shared secret (RFC 7748 6.1)";

  @Test
  void wycheproof(TestReporter reporter) throws InvalidMessageException {
    String file = "wycheproof/x25519_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      assertThat(group.get("curve").str()).isEqualTo("curve25519");
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + t.get("flags").strings();
        byte[] priv = t.get("private").hex();
        byte[] pub = t.get("public").hex();
        byte[] shared = t.get("shared").hex();
        Result result = Result.of(t);
        boolean bit255 = pub.length == 32 && (pub[31] & 0x80) != 0;
        boolean zeroShared = isZero(shared);

        if (result == Result.INVALID || bit255 || zeroShared) {
          assertThatThrownBy(() -> X25519.agree(priv, pub))
              .as(what)
              .isInstanceOf(InvalidMessageException.class);
          if (bit255) {
            if (!zeroShared) {
              byte[] masked = pub.clone();
              masked[31] &= 0x7F;
              assertThat(X25519.agree(priv, masked)).as(what + " masked").isEqualTo(shared);
            }
            tally.ran(REJECTED_BIT_255 + ", Wycheproof " + result);
          } else if (zeroShared) {
            tally.ran(REJECTED_ZERO + ", Wycheproof " + result);
          } else {
            tally.ran("refused: invalid");
          }
        } else {
          assertThat(X25519.agree(priv, pub)).as(what).isEqualTo(shared);
          tally.ran("shared secret matches, Wycheproof " + result);
        }
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
    assertThat(tally.toString()).contains(REJECTED_BIT_255, REJECTED_ZERO);
  }

  @Test
  void rfc7748(TestReporter reporter) throws InvalidMessageException {
    String file = "rfc/rfc7748_x25519.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    int expected = 0;

    // Section 5.2: single multiplications.
    for (Node t : root.get("x25519").list()) {
      expected++;
      byte[] scalar = t.get("scalar").hex();
      byte[] u = t.get("u").hex();
      byte[] output = t.get("output").hex();
      if ((u[31] & 0x80) != 0) {
        // The RFC's second vector sets bit 255 of u and expects it masked; crypto.md refuses
        // such a key. Our refusal and the masked result are both checked.
        assertThatThrownBy(() -> X25519.agree(scalar, u))
            .as(t.path())
            .isInstanceOf(InvalidMessageException.class);
        byte[] masked = u.clone();
        masked[31] &= 0x7F;
        assertThat(X25519.agree(scalar, masked)).as(t.path()).isEqualTo(output);
        tally.ran("refused with bit 255 set; masked u matches");
      } else {
        assertThat(X25519.agree(scalar, u)).as(t.path()).isEqualTo(output);
        tally.ran("matches");
      }
    }

    // Section 5.2: k = u = 9, then (k, u) = (X25519(k, u), k), checked after each listed count.
    Node iterated = root.get("iterated_from_k_u_9");
    @SuppressWarnings("unchecked")
    Map<String, Object> checkpoints = (Map<String, Object>) iterated.value();
    int last = checkpoints.keySet().stream().mapToInt(Integer::parseInt).max().orElseThrow();
    byte[] k = new byte[32];
    k[0] = 9;
    byte[] u = k.clone();
    for (int i = 1; i <= last; i++) {
      byte[] next = X25519.agree(k, u);
      u = k;
      k = next;
      if (checkpoints.containsKey(Integer.toString(i))) {
        expected++;
        assertThat(k)
            .as("after %d iterations", i)
            .isEqualTo(iterated.get(Integer.toString(i)).hex());
        tally.ran("iterated matches");
      }
    }

    // Section 6.1: Diffie-Hellman between Alice and Bob.
    Node dh = root.get("dh_6_1");
    expected++;
    byte[] alicePrivate = dh.get("alice_private").hex();
    byte[] bobPrivate = dh.get("bob_private").hex();
    assertThat(X25519.publicKeyOf(alicePrivate)).isEqualTo(dh.get("alice_public").hex());
    assertThat(X25519.publicKeyOf(bobPrivate)).isEqualTo(dh.get("bob_public").hex());
    assertThat(X25519.agree(alicePrivate, dh.get("bob_public").hex()))
        .isEqualTo(dh.get("shared").hex());
    assertThat(X25519.agree(bobPrivate, dh.get("alice_public").hex()))
        .isEqualTo(dh.get("shared").hex());
    tally.ran("Diffie-Hellman matches");

    tally.assertComplete(expected, reporter);
  }

  private static boolean isZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }
}
