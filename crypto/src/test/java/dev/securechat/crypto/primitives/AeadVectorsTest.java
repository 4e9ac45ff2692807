package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.TestVectors.FixedRandom;
import dev.securechat.crypto.primitives.TestVectors.Node;
import dev.securechat.crypto.primitives.TestVectors.Result;
import dev.securechat.crypto.primitives.TestVectors.Tally;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Wycheproof aes_gcm_test.json for the only shape our Aead has: 256-bit key, 12-byte nonce, 16-byte
 * tag. Our sealed form is {@code nonce || ciphertext || tag}, so the test builds it from the file's
 * iv, ct and tag; sealing feeds the file's iv through a {@link FixedRandom} and must give exactly
 * that form. Groups of another key, IV or tag size cannot be expressed through our API and are
 * counted as not applicable (AeadTest checks that other key sizes are refused).
 */
class AeadVectorsTest {

  @Test
  void wycheproofAes256Gcm(TestReporter reporter) throws InvalidMessageException {
    String file = "wycheproof/aes_gcm_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      int keyBits = group.get("keySize").integer();
      int ivBits = group.get("ivSize").integer();
      int tagBits = group.get("tagSize").integer();
      List<Node> tests = group.get("tests").list();
      if (keyBits != 256 || ivBits != 96 || tagBits != 128) {
        String reason =
            keyBits != 256
                ? "AES-" + keyBits + " key (ours is AES-256)"
                : ivBits != 96
                    ? "IV of " + ivBits + " bits (ours is 96)"
                    : "tag of " + tagBits + " bits";
        tests.forEach(t -> tally.notApplicable(reason));
        continue;
      }
      for (Node t : tests) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + t.get("comment").str();
        byte[] key = t.get("key").hex();
        byte[] iv = t.get("iv").hex();
        byte[] aad = t.get("aad").hex();
        byte[] msg = t.get("msg").hex();
        byte[] sealed = Bytes.concat(iv, t.get("ct").hex(), t.get("tag").hex());
        Result result = Result.of(t);
        switch (result) {
          case VALID -> {
            assertThat(Aead.open(key, sealed, aad)).as(what).isEqualTo(msg);
            FixedRandom nonce = new FixedRandom(iv);
            assertThat(Aead.seal(key, msg, aad, nonce)).as(what + " seal").isEqualTo(sealed);
            assertThat(nonce.usedExactly()).as(what + " drew the 12-byte nonce").isTrue();
            tally.ran("valid: opens to msg and seals to iv||ct||tag");
          }
          case INVALID -> {
            assertThatThrownBy(() -> Aead.open(key, sealed, aad))
                .as(what)
                .isInstanceOf(InvalidMessageException.class);
            tally.ran("invalid " + t.get("flags").strings() + ": InvalidMessageException");
          }
          case ACCEPTABLE -> throw new AssertionError(what + ": no acceptable cases expected");
        }
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }
}
