package dev.securechat.crypto.group;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Ed25519;
import dev.securechat.crypto.primitives.Hashes;
import java.util.Arrays;

/**
 * One broadcast, as it travels in the envelope: {@code body || sig} where {@code body = 0x01 ||
 * chain id (u32) || iteration (u32) || Fernet token} and {@code sig = Ed25519("SC1-SKMSG" ||
 * fp(IK_sender) || body)}, 64 bytes. The token has no length prefix: it runs from byte 9 to 64
 * bytes before the end, and must have a Fernet token's shape (0x80, 57 bytes plus whole AES
 * blocks).
 *
 * <p>A parsed message is only well-formed; {@link ReceivedChains} verifies the signature.
 *
 * @param chainId the sender's chain, an unsigned u32 carried in an int
 * @param iteration 0 to 2^32 - 1
 */
public record SenderKeyMessage(int chainId, long iteration, byte[] token, byte[] signature) {
  public static final int VERSION = 0x01;

  /**
   * The largest message accepted: the protocol's largest configurable frame. Checked before any
   * further work so an oversized input is refused at the edge.
   */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  static final int BODY_HEADER = 1 + 4 + 4;
  private static final int TOKEN_OVERHEAD = 1 + 8 + 16 + 32;
  private static final int AES_BLOCK = 16;
  private static final int FERNET_VERSION = 0x80;
  private static final byte[] LABEL =
      "SC1-SKMSG".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  public SenderKeyMessage {
    if (iteration < 0 || iteration > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("iteration is a u32");
    }
    if (!isTokenShaped(token) || signature.length != Ed25519.SIGNATURE_BYTES) {
      throw new IllegalArgumentException("malformed sender-key message");
    }
  }

  /** Checks version, every length and the token's shape; never the signature. */
  public static SenderKeyMessage parse(byte[] bytes) throws InvalidMessageException {
    if (bytes == null
        || bytes.length > MAX_BYTES
        || bytes.length < BODY_HEADER + TOKEN_OVERHEAD + AES_BLOCK + Ed25519.SIGNATURE_BYTES) {
      throw new InvalidMessageException("bad sender-key message");
    }
    ByteReader r = new ByteReader(bytes, "sender-key message");
    if (r.u8() != VERSION) {
      throw new InvalidMessageException("bad sender-key message");
    }
    int chainId = (int) r.u32();
    long iteration = r.u32();
    byte[] token = r.bytes(r.remaining() - Ed25519.SIGNATURE_BYTES);
    byte[] signature = r.bytes(Ed25519.SIGNATURE_BYTES);
    r.end();
    if (!isTokenShaped(token)) {
      throw new InvalidMessageException("bad sender-key message");
    }
    return new SenderKeyMessage(chainId, iteration, token, signature);
  }

  /** {@code 0x01 || chain id || iteration || token}: the signed part. */
  public byte[] body() {
    return Bytes.start()
        .u8(VERSION)
        .u32(Integer.toUnsignedLong(chainId))
        .u32(iteration)
        .raw(token)
        .build();
  }

  /** {@code body || sig}: the bytes that travel. */
  public byte[] serialize() {
    return Bytes.concat(body(), signature);
  }

  /** {@code "SC1-SKMSG" || SHA-256(IK_sender) || body}. */
  static byte[] signingInput(byte[] senderIdentityKey, byte[] body) {
    return Bytes.concat(LABEL, Hashes.sha256(senderIdentityKey), body);
  }

  boolean verify(byte[] signingPublicKey, byte[] senderIdentityKey) {
    return Ed25519.verify(signingPublicKey, signingInput(senderIdentityKey, body()), signature);
  }

  private static boolean isTokenShaped(byte[] token) {
    return token != null
        && token.length >= TOKEN_OVERHEAD + AES_BLOCK
        && (token.length - TOKEN_OVERHEAD) % AES_BLOCK == 0
        && (token[0] & 0xFF) == FERNET_VERSION;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SenderKeyMessage m
        && m.chainId == chainId
        && m.iteration == iteration
        && Arrays.equals(m.token, token)
        && Arrays.equals(m.signature, signature);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(token) + Long.hashCode(iteration);
  }

  @Override
  public String toString() {
    return "SenderKeyMessage[chainId="
        + Integer.toUnsignedString(chainId)
        + ", iteration="
        + iteration
        + ", "
        + token.length
        + " token bytes]";
  }
}
