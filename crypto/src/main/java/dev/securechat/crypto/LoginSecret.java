package dev.securechat.crypto;

import dev.securechat.crypto.primitives.Argon2id;
import dev.securechat.crypto.primitives.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    byte[] salt =
        Hashes.sha256(concat("SC1-AUTH".getBytes(StandardCharsets.US_ASCII), utf8(username)));
    byte[] passwordBytes = utf8(password);
    byte[] stretched =
        Argon2id.derive(
            passwordBytes, salt, new Argon2id.Cost(MEMORY_KIB, ITERATIONS, PARALLELISM), 32);
    try {
      return Hashes.hkdf(
          ZERO_SALT, stretched, "SecureChat v1 login".getBytes(StandardCharsets.US_ASCII), LENGTH);
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
      Arrays.fill(stretched, (byte) 0);
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
