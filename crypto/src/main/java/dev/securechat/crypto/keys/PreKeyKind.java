package dev.securechat.crypto.keys;

import dev.securechat.crypto.primitives.Bytes;

/** The three signed prekeys, each with its own signature label (crypto.md "Keys each user has"). */
public enum PreKeyKind {
  SIGNED("SC1-SPK"),
  KEM("SC1-KPK"),
  RSA("SC1-RPK");

  private final String label;

  PreKeyKind(String label) {
    this.label = label;
  }

  /** {@code label || id || created_u64 || public key}: what IK signs for this prekey. */
  public byte[] signedBytes(int id, long createdEpochSecond, byte[] publicKey) {
    return Bytes.start()
        .ascii(label)
        .u32(Integer.toUnsignedLong(id))
        .u64(createdEpochSecond)
        .raw(publicKey)
        .build();
  }
}
