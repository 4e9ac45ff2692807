package dev.securechat.crypto.keys;

/** The public half of a one-time prekey: its u32 id and the raw 32-byte X25519 public key. */
public record OneTimePreKey(int id, byte[] publicKey) {
  @Override
  public String toString() {
    return "OneTimePreKey[id=" + Integer.toUnsignedString(id) + "]";
  }
}
