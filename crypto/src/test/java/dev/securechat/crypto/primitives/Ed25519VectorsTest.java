package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.crypto.primitives.TestVectors.Node;
import dev.securechat.crypto.primitives.TestVectors.Result;
import dev.securechat.crypto.primitives.TestVectors.Tally;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Wycheproof ed25519_test.json, verification with the raw 32-byte key ("publicKey.pk"): valid
 * signatures verify; invalid ones (malleable S, bad encodings, truncated or padded signatures)
 * return false, whether the JDK returns false or throws.
 */
class Ed25519VectorsTest {

  @Test
  void wycheproofVerify(TestReporter reporter) {
    String file = "wycheproof/ed25519_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      Node key = group.get("publicKey");
      assertThat(key.get("curve").str()).isEqualTo("edwards25519");
      byte[] pk = key.get("pk").hex();
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + t.get("flags").strings();
        boolean verified = Ed25519.verify(pk, t.get("msg").hex(), t.get("sig").hex());
        Result result = Result.of(t);
        switch (result) {
          case VALID -> assertThat(verified).as(what).isTrue();
          case INVALID -> assertThat(verified).as(what).isFalse();
          case ACCEPTABLE -> {}
        }
        tally.ran(result + (verified ? ": verifies" : ": refused"));
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }

  @Test
  void signVerifyRoundTripAndTamper() {
    SecureRandom random = new SecureRandom();
    Ed25519.KeyPair pair = Ed25519.generate(random);
    byte[] message = "SC1-SKMSG test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] sig = Ed25519.sign(pair.privateKey(), message);
    assertThat(sig).hasSize(Ed25519.SIGNATURE_BYTES);
    assertThat(Ed25519.verify(pair.publicKey(), message, sig)).isTrue();
    for (int i = 0; i < sig.length; i++) {
      byte[] bad = sig.clone();
      bad[i] ^= 1;
      assertThat(Ed25519.verify(pair.publicKey(), message, bad)).as("sig byte %d", i).isFalse();
    }
    byte[] other = message.clone();
    other[0] ^= 1;
    assertThat(Ed25519.verify(pair.publicKey(), other, sig)).isFalse();
    assertThat(Ed25519.verify(new byte[31], message, sig)).isFalse();
  }
}
