package dev.securechat.crypto.primitives;

import dev.securechat.crypto.InvalidMessageException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA-2048 as crypto.md requires: keys from {@code KeyPairGenerator.getInstance("RSA")} (294-byte
 * rsaEncryption SPKI), RSASSA-PSS with SHA-256, MGF1-SHA-256, salt 32, trailer 1, and RSA-OAEP with
 * SHA-256 and MGF1-SHA-256 given explicitly (the JDK's named OAEP mode uses MGF1-SHA-1).
 */
public final class Rsa {
  public static final int PUBLIC_KEY_BYTES = 294;
  public static final int BITS = 2048;
  private static final PSSParameterSpec PSS =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  /** The X.509 SubjectPublicKeyInfo and the PKCS#8 private key. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "Rsa.KeyPair[private key hidden]";
    }
  }

  private Rsa() {}

  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(new RSAKeyGenParameterSpec(BITS, RSAKeyGenParameterSpec.F4), random);
      java.security.KeyPair kp = g.generateKeyPair();
      return new KeyPair(kp.getPublic().getEncoded(), kp.getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable", e);
    }
  }

  /** Parses a peer's public key: exactly 294 bytes, rsaEncryption, 2048 bits, e = 65537. */
  public static PublicKey publicKey(byte[] spki) throws InvalidMessageException {
    if (spki == null || spki.length != PUBLIC_KEY_BYTES) {
      throw new InvalidMessageException("bad RSA public key");
    }
    try {
      RSAPublicKey key =
          (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
      if (key.getModulus().bitLength() != BITS
          || !key.getPublicExponent().equals(BigInteger.valueOf(65537))
          || !java.util.Arrays.equals(key.getEncoded(), spki)) {
        throw new InvalidMessageException("bad RSA public key");
      }
      return key;
    } catch (java.security.spec.InvalidKeySpecException | ClassCastException e) {
      throw new InvalidMessageException("bad RSA public key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable", e);
    }
  }

  public static byte[] sign(byte[] privateKey, byte[] message, SecureRandom random) {
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(PSS);
      s.initSign(privateKey(privateKey), random);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSASSA-PSS signing failed", e);
    }
  }

  /** False for a bad signature, whether the JDK returns false or throws (crypto.md). */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      return verify(publicKey(publicKey), message, signature);
    } catch (InvalidMessageException e) {
      return false;
    }
  }

  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(PSS);
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (SignatureException | java.security.InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSASSA-PSS is unavailable", e);
    }
  }

  public static byte[] encrypt(byte[] publicKey, byte[] message, SecureRandom random)
      throws InvalidMessageException {
    return encrypt(publicKey(publicKey), message, random);
  }

  public static byte[] encrypt(PublicKey key, byte[] message, SecureRandom random) {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      c.init(Cipher.ENCRYPT_MODE, key, OAEP, random);
      return c.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP encryption failed", e);
    }
  }

  /** One outcome for every failure: padding, length or key (crypto.md). */
  public static byte[] decrypt(byte[] privateKey, byte[] ciphertext)
      throws InvalidMessageException {
    return decrypt(privateKey(privateKey), ciphertext);
  }

  public static byte[] decrypt(PrivateKey key, byte[] ciphertext) throws InvalidMessageException {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      c.init(Cipher.DECRYPT_MODE, key, OAEP);
      return c.doFinal(ciphertext);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new InvalidMessageException("bad ciphertext");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP is unavailable", e);
    }
  }

  public static PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("unreadable RSA private key", e);
    }
  }
}
