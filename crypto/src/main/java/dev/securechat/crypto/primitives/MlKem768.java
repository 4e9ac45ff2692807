package dev.securechat.crypto.primitives;

import dev.securechat.crypto.InvalidMessageException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.EncodedKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;

/**
 * ML-KEM-768 (FIPS 203) from the JDK. Public keys travel as their 1,184 raw bytes, ciphertexts are
 * 1,088 bytes; private keys are kept in their PKCS#8 encoding.
 */
public final class MlKem768 {
  public static final int PUBLIC_KEY_BYTES = 1184;
  public static final int CIPHERTEXT_BYTES = 1088;
  public static final int SECRET_BYTES = 32;
  private static final String ALGORITHM = "ML-KEM-768";

  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "MlKem768.KeyPair[private key hidden]";
    }
  }

  public record Encapsulated(byte[] sharedSecret, byte[] ciphertext) {
    @Override
    public String toString() {
      return "Encapsulated[secret hidden]";
    }
  }

  private MlKem768() {}

  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
      g.initialize(NamedParameterSpec.ML_KEM_768, random);
      java.security.KeyPair kp = g.generateKeyPair();
      return new KeyPair(raw(kp.getPublic()), kp.getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ML-KEM-768 is unavailable", e);
    }
  }

  public static Encapsulated encapsulate(byte[] publicKey, SecureRandom random)
      throws InvalidMessageException {
    try {
      KEM.Encapsulator e = KEM.getInstance(ALGORITHM).newEncapsulator(publicKey(publicKey), random);
      KEM.Encapsulated out = e.encapsulate();
      return new Encapsulated(out.key().getEncoded(), out.encapsulation());
    } catch (java.security.InvalidKeyException e) {
      throw new InvalidMessageException("bad ML-KEM public key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ML-KEM-768 is unavailable", e);
    }
  }

  /** A tampered ciphertext yields a random secret, not an error (FIPS 203 implicit rejection). */
  public static byte[] decapsulate(byte[] privateKey, byte[] ciphertext)
      throws InvalidMessageException {
    if (ciphertext == null || ciphertext.length != CIPHERTEXT_BYTES) {
      throw new InvalidMessageException("bad ML-KEM ciphertext");
    }
    try {
      PrivateKey key =
          KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(privateKey));
      return KEM.getInstance(ALGORITHM).newDecapsulator(key).decapsulate(ciphertext).getEncoded();
    } catch (DecapsulateException e) {
      throw new InvalidMessageException("bad ML-KEM ciphertext");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ML-KEM-768 is unavailable", e);
    }
  }

  /** Imports a raw public key, which the JDK accepts only through a "RAW" encoded key spec. */
  public static PublicKey publicKey(byte[] raw) throws InvalidMessageException {
    if (raw == null || raw.length != PUBLIC_KEY_BYTES) {
      throw new InvalidMessageException("bad ML-KEM public key");
    }
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new RawKeySpec(raw));
    } catch (java.security.spec.InvalidKeySpecException e) {
      throw new InvalidMessageException("bad ML-KEM public key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ML-KEM-768 is unavailable", e);
    }
  }

  /** The raw key is the tail of the X.509 encoding, after the fixed algorithm header. */
  private static byte[] raw(PublicKey key) {
    byte[] spki = key.getEncoded();
    return java.util.Arrays.copyOfRange(spki, spki.length - PUBLIC_KEY_BYTES, spki.length);
  }

  /** The JDK's ML-KEM key factory speaks the "RAW" format through an EncodedKeySpec. */
  public static final class RawKeySpec extends EncodedKeySpec {
    public RawKeySpec(byte[] encoded) {
      super(encoded);
    }

    @Override
    public String getFormat() {
      return "RAW";
    }
  }
}
