package dev.securechat.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the fields of one frame body. Every length is checked against what is actually left in the
 * frame before anything is allocated, so a lying length prefix costs nothing.
 */
public final class FrameReader {
  private final ByteBuf buf;

  FrameReader(ByteBuf buf) {
    this.buf = buf;
  }

  private void need(long n, String field) throws MalformedFrameException {
    if (n < 0 || n > buf.readableBytes()) {
      throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "truncated field " + field);
    }
  }

  public int u8(String field) throws MalformedFrameException {
    need(1, field);
    return buf.readUnsignedByte();
  }

  public int u16(String field) throws MalformedFrameException {
    need(2, field);
    return buf.readUnsignedShort();
  }

  public long u32(String field) throws MalformedFrameException {
    need(4, field);
    return buf.readUnsignedInt();
  }

  /** An unsigned 32-bit value that must also fit a Java int (ids and counts). */
  public int u31(String field) throws MalformedFrameException {
    long v = u32(field);
    if (v > Integer.MAX_VALUE) {
      throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "out of range: " + field);
    }
    return (int) v;
  }

  /** A 64-bit counter; negative values (top bit set) are refused. */
  public long u63(String field) throws MalformedFrameException {
    need(8, field);
    long v = buf.readLong();
    if (v < 0) {
      throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "out of range: " + field);
    }
    return v;
  }

  /** A message sequence number: a {@link #u63} that starts at 1. */
  public long seq(String field) throws MalformedFrameException {
    long v = u63(field);
    if (v == 0) {
      throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "out of range: " + field);
    }
    return v;
  }

  public boolean bool(String field) throws MalformedFrameException {
    int v = u8(field);
    if (v > 1) {
      throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "not a boolean: " + field);
    }
    return v == 1;
  }

  public UUID uuid(String field) throws MalformedFrameException {
    need(16, field);
    return new UUID(buf.readLong(), buf.readLong());
  }

  /** A u16-length-prefixed, strictly valid UTF-8 string. */
  public String string(String field) throws MalformedFrameException {
    int len = u16(field);
    need(len, field);
    ByteBuffer bytes = buf.nioBuffer(buf.readerIndex(), len);
    buf.skipBytes(len);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "invalid UTF-8 in " + field);
    }
  }

  /** A u32-length-prefixed byte string. */
  public byte[] bytes(String field) throws MalformedFrameException {
    long len = u32(field);
    need(len, field);
    byte[] out = new byte[(int) len];
    buf.readBytes(out);
    return out;
  }

  /** A byte string that must have exactly {@code length} bytes. */
  public byte[] fixed(String field, int length) throws MalformedFrameException {
    byte[] b = bytes(field);
    if (b.length != length) {
      throw new MalformedFrameException(
          ErrorCode.MALFORMED_FRAME, field + " must be " + length + " bytes");
    }
    return b;
  }

  /** A u16-count-prefixed list. */
  public <T> List<T> list(String field, Element<T> element) throws MalformedFrameException {
    int count = u16(field);
    // Every element takes at least one byte, so a count larger than what is left is a lie.
    need(count, field);
    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(element.read(this));
    }
    return List.copyOf(out);
  }

  void requireEnd(String frame) throws MalformedFrameException {
    if (buf.isReadable()) {
      throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "trailing bytes after " + frame);
    }
  }

  /** Reads one list element. */
  @FunctionalInterface
  public interface Element<T> {
    T read(FrameReader r) throws MalformedFrameException;
  }
}
