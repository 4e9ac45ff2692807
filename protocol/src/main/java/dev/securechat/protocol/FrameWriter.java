package dev.securechat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/** Writes the fields of one frame body, mirroring {@link FrameReader}. */
public final class FrameWriter {
  private final ByteBuf buf;

  FrameWriter(ByteBuf buf) {
    this.buf = buf;
  }

  public FrameWriter u8(int v) {
    buf.writeByte(v);
    return this;
  }

  public FrameWriter u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range");
    }
    buf.writeShort(v);
    return this;
  }

  public FrameWriter u32(long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range");
    }
    buf.writeInt((int) v);
    return this;
  }

  public FrameWriter u63(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative counter");
    }
    buf.writeLong(v);
    return this;
  }

  public FrameWriter bool(boolean v) {
    buf.writeByte(v ? 1 : 0);
    return this;
  }

  public FrameWriter uuid(UUID v) {
    buf.writeLong(v.getMostSignificantBits());
    buf.writeLong(v.getLeastSignificantBits());
    return this;
  }

  public FrameWriter string(String v) {
    int len = ByteBufUtil.utf8Bytes(v);
    u16(len);
    ByteBufUtil.reserveAndWriteUtf8(buf, v, len);
    return this;
  }

  public FrameWriter bytes(byte[] v) {
    u32(v.length);
    buf.writeBytes(v);
    return this;
  }

  public <T> FrameWriter list(List<T> items, BiConsumer<FrameWriter, T> element) {
    u16(items.size());
    for (T item : items) {
      element.accept(this, item);
    }
    return this;
  }
}
