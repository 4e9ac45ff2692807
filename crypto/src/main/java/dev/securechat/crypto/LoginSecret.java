package dev.securechat.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The login secret of crypto.md: the password never leaves the client; the server sees only {@code
 * HKDF-SHA256(salt = 0^32, IKM = Argon2id(password, SHA-256("SC1-AUTH" || username)), info =
 * "SecureChat v1 login", L = 32)}.
 *
 * <p>The Argon2id cost is part of the protocol (every client must derive the same secret), so it is
 * fixed here: m = 19 MiB, t = 2, p = 1, the OWASP minimum, because a phone-class client must pay it
 * at every password login. The server adds its own, configurable Argon2id on top.
 */
public final class LoginSecret {
  public static final int LENGTH = 32;
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final byte[] ZERO_SALT = new byte[32];

  private LoginSecret() {}

  /**
   * Derives the 32-byte login secret. {@code username} must already be in canonical lower-case
   * form. The caller zeroes both the password and the result after use.
   */
  public static byte[] derive(String username, char[] password) {
    byte[] salt = sha256(concat("SC1-AUTH".getBytes(StandardCharsets.US_ASCII), utf8(username)));
    byte[] passwordBytes = utf8(password);
    byte[] stretched = new byte[32];
    try {
      Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
      argon2.init(
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(MEMORY_KIB)
              .withIterations(ITERATIONS)
              .withParallelism(PARALLELISM)
              .withSalt(salt)
              .build());
      argon2.generateBytes(passwordBytes, stretched);
      return hkdf(stretched, "SecureChat v1 login");
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
      Arrays.fill(stretched, (byte) 0);
    }
  }

  private static byte[] hkdf(byte[] ikm, String info) {
    try {
      KDF kdf = KDF.getInstance("HKDF-SHA256");
      return kdf.deriveData(
          HKDFParameterSpec.ofExtract()
              .addIKM(ikm)
              .addSalt(ZERO_SALT)
              .thenExpand(info.getBytes(StandardCharsets.US_ASCII), LENGTH));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 is missing from this JDK", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] utf8(char[] chars) {
    var encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    // The encoder's buffer held the password too.
    Arrays.fill(encoded.array(), (byte) 0);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
