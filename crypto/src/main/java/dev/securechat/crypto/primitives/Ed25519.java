package dev.securechat.crypto.primitives;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 signatures with raw 32-byte keys (RFC 8032), for sender-key messages. */
public final class Ed25519 {
  public static final int KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;
  // X.509 SubjectPublicKeyInfo prefix of an Ed25519 key; the raw key follows it.
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };
  // PKCS#8 prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows it.
  private static final byte[] PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  /** The raw public key and the raw 32-byte private seed. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "Ed25519.KeyPair[private key hidden]";
    }
  }

  private Ed25519() {}

  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, random);
      java.security.KeyPair kp = g.generateKeyPair();
      byte[] spki = kp.getPublic().getEncoded();
      byte[] pkcs8 = kp.getPrivate().getEncoded();
      return new KeyPair(
          Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length),
          Arrays.copyOfRange(pkcs8, pkcs8.length - KEY_BYTES, pkcs8.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is unavailable", e);
    }
  }

  public static byte[] sign(byte[] privateKey, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new PKCS8EncodedKeySpec(Bytes.concat(PKCS8_PREFIX, privateKey))));
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** False for any bad key, length or signature; the JDK sometimes throws instead (crypto.md). */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null || publicKey.length != KEY_BYTES || signature == null) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(
          KeyFactory.getInstance("Ed25519")
              .generatePublic(new X509EncodedKeySpec(Bytes.concat(SPKI_PREFIX, publicKey))));
      s.update(message);
      return s.verify(signature);
    } catch (SignatureException
        | java.security.InvalidKeyException
        | java.security.spec.InvalidKeySpecException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is unavailable", e);
    }
  }
}
