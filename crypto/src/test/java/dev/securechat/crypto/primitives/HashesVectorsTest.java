package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.primitives.TestVectors.Node;
import dev.securechat.crypto.primitives.TestVectors.Result;
import dev.securechat.crypto.primitives.TestVectors.Tally;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** HKDF-SHA256 and HMAC-SHA256: Wycheproof and RFC 5869 Appendix A. */
class HashesVectorsTest {

  /** Valid: the output matches. Invalid (an output over 255 * 32 bytes): refused. */
  @Test
  void wycheproofHkdf(TestReporter reporter) {
    String file = "wycheproof/hkdf_sha256_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + t.get("comment").str();
        byte[] ikm = t.get("ikm").hex();
        byte[] salt = t.get("salt").hex();
        byte[] info = t.get("info").hex();
        int size = t.get("size").integer();
        Result result = Result.of(t);
        switch (result) {
          case VALID -> {
            assertThat(Hashes.hkdf(salt, ikm, info, size)).as(what).isEqualTo(t.get("okm").hex());
            tally.ran(salt.length == 0 ? "valid, empty salt: matches" : "valid: matches");
          }
          case INVALID -> {
            assertThatThrownBy(() -> Hashes.hkdf(salt, ikm, info, size))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class);
            tally.ran("invalid (size " + size + "): IllegalArgumentException");
          }
          case ACCEPTABLE -> throw new AssertionError(what + ": no acceptable HKDF cases expected");
        }
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }

  /**
   * Valid: the tag matches; invalid (a modified tag): it does not. Groups with a 128-bit tagSize
   * use HMAC-SHA256 truncated to 16 bytes, so the test compares that prefix of our full tag.
   */
  @Test
  void wycheproofHmac(TestReporter reporter) {
    String file = "wycheproof/hmac_sha256_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      int tagBytes = group.get("tagSize").integer() / 8;
      assertThat(tagBytes).isBetween(1, 32);
      String shape = tagBytes == 32 ? "full tag" : "tag truncated to " + tagBytes + " bytes";
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + t.get("comment").str();
        byte[] full = Hashes.hmacSha256(t.get("key").hex(), t.get("msg").hex());
        assertThat(full).hasSize(32);
        byte[] tag = t.get("tag").hex();
        boolean matches = MessageDigest.isEqual(Arrays.copyOf(full, tagBytes), tag);
        Result result = Result.of(t);
        switch (result) {
          case VALID -> assertThat(matches).as(what).isTrue();
          case INVALID -> assertThat(matches).as(what).isFalse();
          case ACCEPTABLE -> throw new AssertionError(what + ": no acceptable HMAC cases expected");
        }
        tally.ran(result + ", " + shape);
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }

  /**
   * RFC 5869 A.1-A.3: the output, and the PRK as HMAC(salt, IKM). An absent salt is 32 zero bytes,
   * which our hkdf must treat exactly like an empty salt (crypto.md).
   */
  @Test
  void rfc5869(TestReporter reporter) {
    String file = "rfc/rfc5869_hkdf_sha256.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    int expected = 0;
    for (Node t : root.get("tests").list()) {
      expected++;
      String what = t.path() + " " + t.get("name").str();
      assertThat(t.get("hash").str()).isEqualTo("SHA-256");
      byte[] ikm = t.get("ikm").hex();
      byte[] salt = t.get("salt").hex();
      byte[] info = t.get("info").hex();
      int length = t.get("L").integer();
      byte[] okm = t.get("okm").hex();

      assertThat(Hashes.hkdf(salt, ikm, info, length)).as(what).isEqualTo(okm);
      byte[] extractSalt = salt.length == 0 ? new byte[32] : salt;
      assertThat(Hashes.hmacSha256(extractSalt, ikm))
          .as(what + " PRK")
          .isEqualTo(t.get("prk").hex());
      if (salt.length == 0) {
        assertThat(Hashes.hkdf(new byte[32], ikm, info, length)).as(what).isEqualTo(okm);
        tally.ran("okm and prk match; empty salt = 32 zero bytes");
      } else {
        tally.ran("okm and prk match");
      }
    }
    tally.assertComplete(expected, reporter);
  }
}
