package dev.securechat.crypto.primitives;

import dev.securechat.crypto.InvalidMessageException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fernet tokens (the Fernet specification): {@code 0x80 | u64 timestamp | IV | AES-128-CBC-PKCS7
 * ciphertext | HMAC-SHA256}. Key bytes 0-15 sign, 16-31 encrypt. Tokens here are raw bytes with no
 * TTL or clock-skew check (crypto.md): queued offline messages may be days old.
 */
public final class Fernet {
  public static final int KEY_BYTES = 32;
  private static final int VERSION = 0x80;
  private static final int HEADER = 1 + 8 + 16;
  private static final int MAC = 32;

  private Fernet() {}

  public static byte[] encrypt(byte[] key, byte[] plaintext, SecureRandom random, long nowSeconds) {
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    return encrypt(key, plaintext, iv, nowSeconds);
  }

  /** With a chosen IV: only for known-answer tests. */
  static byte[] encrypt(byte[] key, byte[] plaintext, byte[] iv, long timestampSeconds) {
    checkKey(key);
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
      aes.init(Cipher.ENCRYPT_MODE, encryptionKey(key), new IvParameterSpec(iv));
      byte[] ciphertext = aes.doFinal(plaintext);
      ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + MAC);
      token.put((byte) VERSION).putLong(timestampSeconds).put(iv).put(ciphertext);
      token.put(Hashes.hmacSha256(signingKey(key), Arrays.copyOf(token.array(), token.position())));
      return token.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CBC is unavailable", e);
    }
  }

  /** Verifies the HMAC in constant time, then decrypts. */
  public static byte[] decrypt(byte[] key, byte[] token) throws InvalidMessageException {
    checkKey(key);
    if (token.length < HEADER + 16 + MAC
        || (token.length - HEADER - MAC) % 16 != 0
        || (token[0] & 0xFF) != VERSION) {
      throw new InvalidMessageException("bad token");
    }
    int macAt = token.length - MAC;
    byte[] expected = Hashes.hmacSha256(signingKey(key), Arrays.copyOf(token, macAt));
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(token, macAt, token.length))) {
      throw new InvalidMessageException("bad token");
    }
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
      aes.init(Cipher.DECRYPT_MODE, encryptionKey(key), new IvParameterSpec(token, 1 + 8, 16));
      return aes.doFinal(token, HEADER, macAt - HEADER);
    } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
      throw new InvalidMessageException("bad token");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CBC is unavailable", e);
    }
  }

  /** The timestamp a token carries (seconds since the epoch). */
  public static long timestamp(byte[] token) throws InvalidMessageException {
    if (token.length < HEADER) {
      throw new InvalidMessageException("bad token");
    }
    return ByteBuffer.wrap(token, 1, 8).getLong();
  }

  private static void checkKey(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a Fernet key has 32 bytes");
    }
  }

  private static byte[] signingKey(byte[] key) {
    return Arrays.copyOfRange(key, 0, 16);
  }

  private static SecretKeySpec encryptionKey(byte[] key) {
    return new SecretKeySpec(key, 16, 16, "AES");
  }
}
