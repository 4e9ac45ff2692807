package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.TestVectors.Node;
import dev.securechat.crypto.primitives.TestVectors.Result;
import dev.securechat.crypto.primitives.TestVectors.Tally;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Wycheproof RSA-OAEP (SHA-256, MGF1-SHA-256) decryption and RSASSA-PSS verification. */
class RsaVectorsTest {

  /**
   * Valid cases must decrypt to "msg", invalid ones must throw InvalidMessageException (one outcome
   * for padding and length failures alike), acceptable ones may do either.
   *
   * <p>Deviation: our Rsa.decrypt has no label parameter; the protocol always uses the empty label.
   * A ciphertext made with a non-empty label therefore must be refused by our API. For those cases
   * the test asserts the refusal and checks with the JDK, given the file's label and the same
   * parameters, that the vector really decrypts to "msg", so the refusal is due to the label alone.
   */
  @Test
  void oaepDecrypt(TestReporter reporter) throws GeneralSecurityException, InvalidMessageException {
    String file = "wycheproof/rsa_oaep_2048_sha256_mgf1sha256_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      assertThat(group.get("sha").str()).isEqualTo("SHA-256");
      assertThat(group.get("mgf").str()).isEqualTo("MGF1");
      assertThat(group.get("mgfSha").str()).isEqualTo("SHA-256");
      byte[] pkcs8 = group.get("privateKeyPkcs8").hex();
      PrivateKey key = Rsa.privateKey(pkcs8);
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + t.get("comment").str();
        byte[] ct = t.get("ct").hex();
        byte[] msg = t.get("msg").hex();
        byte[] label = t.get("label").hex();
        Result result = Result.of(t);
        if (label.length > 0) {
          assertThatThrownBy(() -> Rsa.decrypt(pkcs8, ct))
              .as(what)
              .isInstanceOf(InvalidMessageException.class);
          if (result == Result.VALID) {
            assertThat(jdkDecryptWithLabel(key, ct, label)).as(what).isEqualTo(msg);
          }
          tally.ran("non-empty label, Wycheproof " + result + ": refused (our label is empty)");
          continue;
        }
        switch (result) {
          case VALID -> {
            assertThat(Rsa.decrypt(pkcs8, ct)).as(what).isEqualTo(msg);
            assertThat(Rsa.decrypt(key, ct)).as(what).isEqualTo(msg);
            tally.ran("valid: decrypts to msg");
          }
          case INVALID -> {
            assertThatThrownBy(() -> Rsa.decrypt(pkcs8, ct))
                .as(what)
                .isInstanceOf(InvalidMessageException.class);
            tally.ran("invalid: InvalidMessageException");
          }
          case ACCEPTABLE -> {
            try {
              assertThat(Rsa.decrypt(pkcs8, ct)).as(what).isEqualTo(msg);
              tally.ran("acceptable: decrypts to msg");
            } catch (InvalidMessageException refused) {
              tally.ran("acceptable: InvalidMessageException");
            }
          }
        }
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }

  /**
   * Valid signatures must verify, invalid ones must not, acceptable ones may do either. The test
   * uses the 294-byte SPKI form ({@code publicKeyDer}) with Rsa.verify(byte[], ...) when the key is
   * what our API accepts (2048 bits, e = 65537, 294 bytes), and the Rsa.verify(PublicKey, ...)
   * overload with a key built from the file's modulus and exponent otherwise; for our keys it
   * checks that both overloads agree.
   */
  @Test
  void pssVerify(TestReporter reporter) throws GeneralSecurityException, InvalidMessageException {
    String file = "wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json";
    Node root = TestVectors.load(file);
    Tally tally = new Tally(file);
    for (Node group : root.get("testGroups").list()) {
      int tests = group.get("tests").list().size();
      boolean ourParameters =
          group.get("sha").str().equals("SHA-256")
              && group.get("mgf").str().equals("MGF1")
              && group.get("mgfSha").str().equals("SHA-256")
              && group.get("sLen").integer() == 32;
      if (!ourParameters) {
        for (int k = 0; k < tests; k++) {
          tally.notApplicable("PSS parameters other than SHA-256/MGF1-SHA-256/salt 32");
        }
        continue;
      }
      byte[] spki = group.get("publicKeyDer").hex();
      BigInteger n = new BigInteger(1, group.get("publicKey").get("modulus").hex());
      BigInteger e = new BigInteger(1, group.get("publicKey").get("publicExponent").hex());
      PublicKey built = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
      boolean ourKeyShape =
          n.bitLength() == Rsa.BITS
              && e.equals(BigInteger.valueOf(65537))
              && spki.length == Rsa.PUBLIC_KEY_BYTES;
      if (ourKeyShape) {
        assertThat(Rsa.publicKey(spki).getEncoded()).isEqualTo(spki);
      }
      for (Node t : group.get("tests").list()) {
        String what = t.path() + " tcId " + t.get("tcId").number() + " " + t.get("comment").str();
        byte[] msg = t.get("msg").hex();
        byte[] sig = t.get("sig").hex();
        boolean verified;
        if (ourKeyShape) {
          verified = Rsa.verify(spki, msg, sig);
          assertThat(Rsa.verify(built, msg, sig))
              .as(what + " (PublicKey overload)")
              .isEqualTo(verified);
        } else {
          verified = Rsa.verify(built, msg, sig);
        }
        String via = ourKeyShape ? " (294-byte SPKI)" : " (PublicKey from modulus/exponent)";
        Result result = Result.of(t);
        switch (result) {
          case VALID -> assertThat(verified).as(what).isTrue();
          case INVALID -> assertThat(verified).as(what).isFalse();
          case ACCEPTABLE -> {}
        }
        tally.ran(result + (verified ? ": verifies" : ": refused") + via);
      }
    }
    tally.assertComplete(root.get("numberOfTests").integer(), reporter);
  }

  /** The JDK's OAEP with our parameters but the file's label: only to validate labelled vectors. */
  private static byte[] jdkDecryptWithLabel(PrivateKey key, byte[] ct, byte[] label)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(
        Cipher.DECRYPT_MODE,
        key,
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label)));
    return c.doFinal(ct);
  }
}
