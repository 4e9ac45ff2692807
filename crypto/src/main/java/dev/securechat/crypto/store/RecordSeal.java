package dev.securechat.crypto.store;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Aead;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals the store's records. Each record gets its own key, {@code HKDF-SHA256(salt = a random
 * 16-byte record salt, IKM = data key, info = "SecureChat v1 store record", L = 32)}, so no single
 * AES-GCM key meets enough random nonces to risk a collision however many records are written. The
 * additional data {@code "SC1-STORE" || lp(type) || lp(peer)} (UTF-8) binds a record to its row: a
 * sealed session of one peer does not open as another peer's, or as a prekey.
 *
 * <p>Sealed record: {@code salt (16) || nonce (12) || ciphertext || tag (16)}, 44 bytes more than
 * the plaintext. Holds a copy of the data key until {@link #close()} wipes it.
 */
public final class RecordSeal implements AutoCloseable {
  public static final int SALT_BYTES = 16;
  public static final int OVERHEAD = SALT_BYTES + 12 + 16;
  private static final byte[] INFO =
      "SecureChat v1 store record".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AD_LABEL = "SC1-STORE".getBytes(StandardCharsets.US_ASCII);

  private final byte[] dataKey;
  private boolean closed;

  /** Copies the data key; the caller wipes its own array. */
  public RecordSeal(byte[] dataKey) {
    if (dataKey.length != StoreKey.DATA_KEY_BYTES) {
      throw new IllegalArgumentException("a data key has 32 bytes");
    }
    this.dataKey = dataKey.clone();
  }

  /**
   * @param type what the record is, e.g. "session" (1 to 255 UTF-8 bytes)
   * @param peer the username the record belongs to, or "" (at most 255 UTF-8 bytes)
   */
  public byte[] seal(String type, String peer, byte[] plaintext, SecureRandom random) {
    byte[] ad = associatedData(type, peer);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = recordKey(salt);
    try {
      return Bytes.concat(salt, Aead.seal(key, plaintext, ad, random));
    } finally {
      Bytes.wipe(key);
    }
  }

  /** The plaintext, or one failure for any tampering, truncation or another (type, peer). */
  public byte[] open(String type, String peer, byte[] sealed) throws InvalidMessageException {
    byte[] ad = associatedData(type, peer);
    if (sealed == null || sealed.length < OVERHEAD) {
      throw new InvalidMessageException("bad sealed record");
    }
    byte[] key = recordKey(Arrays.copyOf(sealed, SALT_BYTES));
    try {
      return Aead.open(key, Arrays.copyOfRange(sealed, SALT_BYTES, sealed.length), ad);
    } finally {
      Bytes.wipe(key);
    }
  }

  @Override
  public void close() {
    Bytes.wipe(dataKey);
    closed = true;
  }

  private byte[] recordKey(byte[] salt) {
    if (closed) {
      throw new IllegalStateException("record seal closed");
    }
    return Hashes.hkdf(salt, dataKey, INFO, Aead.KEY_BYTES);
  }

  private static byte[] associatedData(String type, String peer) {
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    if (t.length == 0) {
      throw new IllegalArgumentException("record type is empty");
    }
    // lp() refuses more than 255 bytes with an IllegalArgumentException.
    return Bytes.start().raw(AD_LABEL).lp(t).lp(peer.getBytes(StandardCharsets.UTF_8)).build();
  }

  @Override
  public String toString() {
    return "RecordSeal[key hidden]";
  }
}
