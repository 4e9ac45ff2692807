package dev.securechat.crypto.trust;

import dev.securechat.crypto.primitives.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The safety number of crypto.md, after libsignal's numeric fingerprint. For each side
 *
 * <pre>
 *   h = SHA-512(0x0000 || IK || username)
 *   5,200 times: h = SHA-512(h || IK)
 * </pre>
 *
 * where IK is the identity key's 294-byte encoding and username the canonical (lower-case) name in
 * UTF-8. Bytes 0-29 of h, as six 5-byte big-endian numbers each taken mod 100,000 and written with
 * 5 digits, give that side's 30 digits. The two 30-digit strings, sorted as strings and joined, are
 * the 60 digits both users see.
 *
 * <p>Unlike libsignal, whose first step is the bare concatenation and which hashes 5,200 times in
 * all, crypto.md hashes the concatenation first and then 5,200 times more (5,201 hashes); the
 * numbers follow crypto.md. Interoperability with libsignal is impossible anyway (our identity keys
 * are RSA), and the security is the same.
 *
 * @param digits 60 ASCII digits
 */
public record SafetyNumber(String digits) {
  public static final int ITERATIONS = 5200;
  public static final int DIGITS = 60;
  private static final int CHUNKS = 6;
  private static final int CHUNK_BYTES = 5;
  private static final byte[] VERSION = {0x00, 0x00};

  public SafetyNumber {
    if (digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("a safety number has 60 digits");
    }
  }

  /** The same number results whichever side is "local". */
  public static SafetyNumber of(
      String localUsername,
      byte[] localIdentityKey,
      String remoteUsername,
      byte[] remoteIdentityKey) {
    String local = half(localUsername, localIdentityKey);
    String remote = half(remoteUsername, remoteIdentityKey);
    return new SafetyNumber(local.compareTo(remote) <= 0 ? local + remote : remote + local);
  }

  /** Twelve groups of five digits separated by single spaces, for display. */
  public String formatted() {
    StringBuilder out = new StringBuilder(DIGITS + 11);
    for (int i = 0; i < DIGITS; i += 5) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(digits, i, i + 5);
    }
    return out.toString();
  }

  /** One side's 30 digits. */
  static String half(String username, byte[] identityKey) {
    if (username.isEmpty() || !username.equals(username.toLowerCase(Locale.ROOT))) {
      // A name in another case would give a number the other side never sees.
      throw new IllegalArgumentException("username must be canonical");
    }
    if (identityKey.length == 0) {
      throw new IllegalArgumentException("empty identity key");
    }
    byte[] h = Hashes.sha512(VERSION, identityKey, username.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < ITERATIONS; i++) {
      h = Hashes.sha512(h, identityKey);
    }
    StringBuilder out = new StringBuilder(CHUNKS * 5);
    for (int c = 0; c < CHUNKS; c++) {
      long v = 0;
      for (int b = 0; b < CHUNK_BYTES; b++) {
        v = (v << 8) | (h[c * CHUNK_BYTES + b] & 0xFF);
      }
      out.append(String.format(Locale.ROOT, "%05d", v % 100_000));
    }
    return out.toString();
  }
}
