package dev.securechat.crypto.keys;

/**
 * The public half of one signed prekey as published: id, creation time (epoch seconds), raw public
 * key (32 bytes for SPK, 1,184 for KPK, 294 for RPK) and IK's PSS signature over them.
 */
public record SignedPreKey(int id, long createdEpochSecond, byte[] publicKey, byte[] signature) {
  @Override
  public String toString() {
    return "SignedPreKey[id=" + Integer.toUnsignedString(id) + "]";
  }
}
