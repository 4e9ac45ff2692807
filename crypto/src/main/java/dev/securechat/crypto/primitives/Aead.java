package dev.securechat.crypto.primitives;

import dev.securechat.crypto.InvalidMessageException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 12-byte nonce prefixed to the ciphertext: for secrets at rest. */
public final class Aead {
  public static final int KEY_BYTES = 32;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private Aead() {}

  public static byte[] seal(
      byte[] key, byte[] plaintext, byte[] associatedData, SecureRandom random) {
    checkKey(key);
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associatedData);
      return Bytes.concat(nonce, c.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  public static byte[] open(byte[] key, byte[] sealed, byte[] associatedData)
      throws InvalidMessageException {
    checkKey(key);
    if (sealed.length < NONCE + TAG_BITS / 8) {
      throw new InvalidMessageException("bad sealed record");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
      c.updateAAD(associatedData);
      return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (AEADBadTagException e) {
      throw new InvalidMessageException("bad sealed record");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  /** A 16- or 24-byte key would silently select AES-128 or AES-192: refuse anything but 32. */
  private static void checkKey(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256-GCM key has 32 bytes");
    }
  }
}
