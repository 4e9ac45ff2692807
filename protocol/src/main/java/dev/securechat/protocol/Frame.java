package dev.securechat.protocol;

/**
 * One protocol frame. On the wire: {@code u32 length | u8 type | u8 version | body}, where the
 * length counts everything after itself. Client and server frames use disjoint type codes.
 */
public sealed interface Frame permits ClientFrame, ServerFrame {
  FrameType type();

  void write(FrameWriter w);
}
