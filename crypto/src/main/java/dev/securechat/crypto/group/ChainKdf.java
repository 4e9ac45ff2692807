package dev.securechat.crypto.group;

import dev.securechat.crypto.primitives.Hashes;
import java.nio.charset.StandardCharsets;

/** The sender-key chain step and the message-key-to-Fernet-key step of crypto.md. */
final class ChainKdf {
  static final int KEY_BYTES = 32;
  private static final byte[] MESSAGE_KEY_SEED = {0x01};
  private static final byte[] CHAIN_KEY_SEED = {0x02};
  private static final byte[] ZERO_SALT = new byte[32];
  private static final byte[] FERNET_INFO =
      "SecureChat v1 sender fernet".getBytes(StandardCharsets.US_ASCII);

  private ChainKdf() {}

  /** {@code mk_i = HMAC-SHA256(CK_i, 0x01)}. */
  static byte[] messageKey(byte[] chainKey) {
    return Hashes.hmacSha256(chainKey, MESSAGE_KEY_SEED);
  }

  /** {@code CK_{i+1} = HMAC-SHA256(CK_i, 0x02)}. */
  static byte[] nextChainKey(byte[] chainKey) {
    return Hashes.hmacSha256(chainKey, CHAIN_KEY_SEED);
  }

  /** {@code fk_i = HKDF-SHA256(salt = 0^32, IKM = mk_i, info = "SecureChat v1 sender fernet")}. */
  static byte[] fernetKey(byte[] messageKey) {
    return Hashes.hkdf(ZERO_SALT, messageKey, FERNET_INFO, KEY_BYTES);
  }
}
