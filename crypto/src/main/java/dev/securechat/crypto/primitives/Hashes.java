package dev.securechat.crypto.primitives;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, SHA-512, HMAC-SHA256 and HKDF-SHA256 from the JDK's providers. */
public final class Hashes {
  private Hashes() {}

  public static byte[] sha256(byte[]... parts) {
    return digest("SHA-256", parts);
  }

  public static byte[] sha512(byte[]... parts) {
    return digest("SHA-512", parts);
  }

  private static byte[] digest(String algorithm, byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  public static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] p : parts) {
        mac.update(p);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  /** HKDF-SHA256 extract-then-expand; an empty salt means 32 zero bytes (RFC 5869). */
  public static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
    if (length < 1 || length > 255 * 32) {
      // RFC 5869: L <= 255 * HashLen. The JDK would fail with a checked exception, reported
      // here as a broken JDK; a bad length is the caller's error.
      throw new IllegalArgumentException("HKDF-SHA256 gives 1 to 8160 bytes");
    }
    try {
      KDF kdf = KDF.getInstance("HKDF-SHA256");
      HKDFParameterSpec.Builder b = HKDFParameterSpec.ofExtract().addIKM(ikm);
      if (salt.length > 0) {
        b.addSalt(salt);
      }
      return kdf.deriveData(b.thenExpand(info, length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 failed", e);
    }
  }
}
