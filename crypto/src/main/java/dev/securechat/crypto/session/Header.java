package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.ByteReader;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.X25519;

/**
 * A Double Ratchet message header, {@code 0x01 || DHs (32) || PN (u32) || N (u32)}: 41 bytes. The
 * encoding is canonical (every field fixed), so {@link #encode()} of a parsed header gives back
 * exactly the bytes received, which is what the inner hash covers.
 */
public record Header(byte[] ratchetKey, long previousChainLength, long messageNumber) {
  public static final int BYTES = 1 + X25519.KEY_BYTES + 4 + 4;
  private static final int VERSION = 1;

  public byte[] encode() {
    return Bytes.start()
        .u8(VERSION)
        .raw(ratchetKey)
        .u32(previousChainLength)
        .u32(messageNumber)
        .build();
  }

  static Header read(ByteReader r) throws InvalidMessageException {
    if (r.u8() != VERSION) {
      throw r.fail();
    }
    byte[] key = r.fixed(X25519.KEY_BYTES);
    // crypto.md: an X25519 public key with bit 255 set is refused, not masked.
    if ((key[31] & 0x80) != 0) {
      throw r.fail();
    }
    return new Header(key, r.u32(), r.u32());
  }

  @Override
  public String toString() {
    return "Header[PN=" + previousChainLength + ", N=" + messageNumber + "]";
  }
}
