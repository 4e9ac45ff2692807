package dev.securechat.crypto.group;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Ed25519;
import java.util.Arrays;

/**
 * What a recipient needs to read a sender's chain from {@code iteration} on: {@code 0x01 || chain
 * id (u32) || iteration (u32) || CK (32) || Ed25519 signing public key (32)}, 73 bytes. It travels
 * inside the pairwise Double Ratchet, which authenticates it; it is not signed itself.
 *
 * <p>It holds a chain key: the caller wipes {@link #chainKey()} once the bytes are sent or
 * installed.
 *
 * @param chainId an unsigned u32 carried in an int
 * @param iteration 0 to 2^32 - 1: the iteration {@code chainKey} belongs to
 */
public record SenderKeyDistribution(
    int chainId, long iteration, byte[] chainKey, byte[] signingPublicKey) {
  public static final int VERSION = 0x01;
  public static final int BYTES = 1 + 4 + 4 + ChainKdf.KEY_BYTES + Ed25519.KEY_BYTES;

  public SenderKeyDistribution {
    if (iteration < 0 || iteration > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("iteration is a u32");
    }
    if (chainKey.length != ChainKdf.KEY_BYTES || signingPublicKey.length != Ed25519.KEY_BYTES) {
      throw new IllegalArgumentException("malformed sender-key distribution");
    }
  }

  public static SenderKeyDistribution parse(byte[] bytes) throws InvalidMessageException {
    if (bytes == null || bytes.length != BYTES) {
      throw new InvalidMessageException("bad sender-key distribution");
    }
    ByteReader r = new ByteReader(bytes, "sender-key distribution");
    if (r.u8() != VERSION) {
      throw new InvalidMessageException("bad sender-key distribution");
    }
    SenderKeyDistribution d =
        new SenderKeyDistribution(
            (int) r.u32(), r.u32(), r.bytes(ChainKdf.KEY_BYTES), r.bytes(Ed25519.KEY_BYTES));
    r.end();
    return d;
  }

  public byte[] serialize() {
    return Bytes.start()
        .u8(VERSION)
        .u32(Integer.toUnsignedLong(chainId))
        .u32(iteration)
        .raw(chainKey)
        .raw(signingPublicKey)
        .build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SenderKeyDistribution d
        && d.chainId == chainId
        && d.iteration == iteration
        && Arrays.equals(d.chainKey, chainKey)
        && Arrays.equals(d.signingPublicKey, signingPublicKey);
  }

  @Override
  public int hashCode() {
    return 31 * chainId + Arrays.hashCode(signingPublicKey);
  }

  @Override
  public String toString() {
    return "SenderKeyDistribution[chainId="
        + Integer.toUnsignedString(chainId)
        + ", iteration="
        + iteration
        + ", chain key hidden]";
  }
}
