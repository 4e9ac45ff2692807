package dev.securechat.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Builds raw frames byte by byte, independently of {@link FrameWriter}, so that tests can write
 * exactly the bytes a hostile or broken peer would send.
 */
final class Wire {
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  private Wire() {}

  /** A frame of {@code type} at the current version (1). */
  static Wire frame(FrameType type) {
    return frame(type.code(), type.version());
  }

  static Wire frame(int typeCode, int version) {
    return new Wire().u8(typeCode).u8(version);
  }

  /** Nothing at all: for bodies that do not even hold a type byte. */
  static Wire empty() {
    return new Wire();
  }

  Wire u8(int v) {
    body.write(v);
    return this;
  }

  Wire u16(int v) {
    return u8(v >>> 8).u8(v);
  }

  Wire u32(long v) {
    return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
  }

  Wire u64(long v) {
    return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
  }

  Wire uuid(UUID id) {
    return u64(id.getMostSignificantBits()).u64(id.getLeastSignificantBits());
  }

  Wire string(String s) {
    return utf8(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A u16 length and the given bytes, valid UTF-8 or not. */
  Wire utf8(byte[] encoded) {
    return u16(encoded.length).raw(encoded);
  }

  /** A u32 length and the bytes. */
  Wire bytes(byte[] b) {
    return u32(b.length).raw(b);
  }

  Wire bytes(int length) {
    return bytes(new byte[length]);
  }

  Wire raw(byte[] b) {
    body.writeBytes(b);
    return this;
  }

  Wire hex(String hex) {
    return raw(HexFormat.of().parseHex(hex));
  }

  /** Type, version and fields: what the length prefix counts. */
  byte[] body() {
    return body.toByteArray();
  }

  /** The whole frame with a correct u32 length prefix. */
  byte[] toBytes() {
    return withPrefix(body(), body.size());
  }

  /** The whole frame with the given length prefix, whatever the body's real length. */
  byte[] toBytes(long lengthPrefix) {
    return withPrefix(body(), lengthPrefix);
  }

  static byte[] withPrefix(byte[] body, long lengthPrefix) {
    byte[] out = new byte[body.length + 4];
    out[0] = (byte) (lengthPrefix >>> 24);
    out[1] = (byte) (lengthPrefix >>> 16);
    out[2] = (byte) (lengthPrefix >>> 8);
    out[3] = (byte) lengthPrefix;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }
}
