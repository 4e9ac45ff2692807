package dev.securechat.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The public keys a simulated account registers with. The server only checks sizes and that no two
 * accounts share an identity key, never what the bytes mean, so they are derived from the username:
 * unique per account, and the same in every run (a rerun against an external server finds its
 * accounts as it left them).
 */
public final class Registration {
  private static final byte[] KEY_BUNDLE = new byte[64];

  private Registration() {}

  public static byte[] identityKey(Account account) {
    return sha256("securechat-bench identity " + account.username());
  }

  public static byte[] keyBundle() {
    return KEY_BUNDLE.clone();
  }

  /** The login secret of a bench account: derived from the name, since nothing here is secret. */
  public static byte[] loginSecret(String username) {
    return sha256("securechat-bench secret " + username);
  }

  public static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
