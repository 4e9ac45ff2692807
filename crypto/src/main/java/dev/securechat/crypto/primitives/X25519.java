package dev.securechat.crypto.primitives;

import dev.securechat.crypto.InvalidMessageException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 with raw 32-byte keys (RFC 7748). Public keys with bit 255 set or of another length are
 * refused (crypto.md), and so is an all-zero shared secret from a low-order point.
 */
public final class X25519 {
  public static final int KEY_BYTES = 32;

  /** A raw key pair: the public u-coordinate and the private scalar, both little-endian. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "X25519.KeyPair[private key hidden]";
    }
  }

  private X25519() {}

  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
      g.initialize(NamedParameterSpec.X25519, random);
      java.security.KeyPair kp = g.generateKeyPair();
      byte[] priv = ((XECPrivateKey) kp.getPrivate()).getScalar().orElseThrow();
      return new KeyPair(rawPublic((XECPublicKey) kp.getPublic()), priv);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is unavailable", e);
    }
  }

  /** The public key that belongs to a private scalar: X25519(k, 9), the base point. */
  public static byte[] publicKeyOf(byte[] privateKey) {
    byte[] base = new byte[KEY_BYTES];
    base[0] = 9;
    try {
      return agree(privateKey, base);
    } catch (InvalidMessageException e) {
      throw new IllegalStateException("the base point is valid", e);
    }
  }

  public static byte[] agree(byte[] privateKey, byte[] publicKey) throws InvalidMessageException {
    checkPublic(publicKey);
    try {
      KeyFactory kf = KeyFactory.getInstance("X25519");
      KeyAgreement ka = KeyAgreement.getInstance("X25519");
      ka.init(kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey)));
      ka.doPhase(
          kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, toU(publicKey))), true);
      byte[] secret = ka.generateSecret();
      if (java.security.MessageDigest.isEqual(secret, new byte[KEY_BYTES])) {
        throw new InvalidMessageException("low-order public key");
      }
      return secret;
    } catch (InvalidKeyException e) {
      // The JDK refuses low-order points at doPhase: a bad message, not a bug.
      throw new InvalidMessageException("bad public key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is unavailable", e);
    }
  }

  public static void checkPublic(byte[] publicKey) throws InvalidMessageException {
    if (publicKey == null || publicKey.length != KEY_BYTES || (publicKey[31] & 0x80) != 0) {
      throw new InvalidMessageException("bad X25519 public key");
    }
  }

  private static BigInteger toU(byte[] littleEndian) {
    byte[] be = new byte[KEY_BYTES];
    for (int i = 0; i < KEY_BYTES; i++) {
      be[i] = littleEndian[KEY_BYTES - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] rawPublic(XECPublicKey key) {
    byte[] be = key.getU().toByteArray();
    byte[] le = new byte[KEY_BYTES];
    for (int i = 0; i < KEY_BYTES && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }
}
