package dev.securechat.crypto.keys;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Rsa;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The user's identity key IK (crypto.md): RSA-2048, e = 65537, used only to sign registration,
 * prekeys and initiations. Not thread-safe only in {@link #wipe()}; otherwise immutable.
 */
public final class IdentityKeys {
  /** Every RSA-2048 signature and OAEP ciphertext is 256 bytes. */
  public static final int SIGNATURE_BYTES = 256;

  private static final int FORMAT_VERSION = 1;
  private static final String PARSE_ERROR = "invalid stored identity key";

  private final byte[] publicKey;
  private final byte[] privateKey;

  private IdentityKeys(byte[] publicKey, byte[] privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  public static IdentityKeys generate(SecureRandom random) {
    Rsa.KeyPair kp = Rsa.generate(random);
    return new IdentityKeys(kp.publicKey(), kp.privateKey());
  }

  /** The 294-byte SubjectPublicKeyInfo (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** {@code REG = PSS(IK, "SC1-REG" || lp(username) || IK)}, for the canonical username. */
  public byte[] registrationSignature(String username, SecureRandom random) {
    return sign(registrationMessage(username, publicKey), random);
  }

  /** The bytes REG signs; also what a peer verifies against the name it asked for. */
  public static byte[] registrationMessage(String username, byte[] identityKey) {
    return Bytes.start()
        .ascii("SC1-REG")
        .lp(username.getBytes(StandardCharsets.UTF_8))
        .raw(identityKey)
        .build();
  }

  /**
   * RSASSA-PSS over {@code message}. Callers pass only labelled messages (crypto.md: every signed
   * object begins with its own label), so no signature can be replayed as another kind.
   */
  public byte[] sign(byte[] message, SecureRandom random) {
    return Rsa.sign(privateKey, message, random);
  }

  /**
   * The private form for storage: {@code 0x01 || lp2(SPKI) || lp2(PKCS#8)}. The caller seals it.
   */
  public byte[] serialize() {
    return Bytes.start().u8(FORMAT_VERSION).lp2(publicKey).lp2(privateKey).build();
  }

  /**
   * Reads {@link #serialize()}'s output, requiring that the private key belongs to the public one,
   * so a mixed-up record cannot sign with a key other than the one peers pinned.
   */
  public static IdentityKeys parse(byte[] stored) throws InvalidMessageException {
    ByteReader r = new ByteReader(stored, PARSE_ERROR);
    if (r.u8() != FORMAT_VERSION) {
      throw r.fail();
    }
    byte[] pub = r.lp2();
    byte[] priv = r.lp2();
    r.end();
    RSAPublicKey publicKey = (RSAPublicKey) Rsa.publicKey(pub);
    try {
      if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(priv))
              instanceof RSAPrivateCrtKey key)
          || !key.getModulus().equals(publicKey.getModulus())
          || !key.getPublicExponent().equals(BigInteger.valueOf(65537))) {
        throw r.fail();
      }
    } catch (InvalidKeySpecException e) {
      throw r.fail();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable", e);
    }
    return new IdentityKeys(pub, priv);
  }

  /** Overwrites the private key once this object is no longer needed. */
  public void wipe() {
    Bytes.wipe(privateKey);
  }

  @Override
  public String toString() {
    return "IdentityKeys[private key hidden]";
  }
}
