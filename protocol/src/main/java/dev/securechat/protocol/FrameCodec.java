package dev.securechat.protocol;

import io.netty.buffer.ByteBuf;

/** Turns frame bodies into {@link Frame} records and back. Stateless. */
public final class FrameCodec {
  private FrameCodec() {}

  /**
   * Parses one frame body ({@code type | version | fields}, without the length prefix).
   *
   * @param fromClient whether the peer is a client; a frame of the wrong direction is refused
   */
  public static Frame decode(ByteBuf body, boolean fromClient) throws MalformedFrameException {
    FrameReader r = new FrameReader(body);
    int code = r.u8("type");
    int version = r.u8("version");
    FrameType type =
        FrameType.of(code)
            .filter(t -> t.sentByClient() == fromClient)
            .orElseThrow(
                () ->
                    new MalformedFrameException(
                        ErrorCode.UNKNOWN_FRAME,
                        "unknown frame type 0x" + Integer.toHexString(code)));
    if (version != type.version()) {
      throw new MalformedFrameException(
          ErrorCode.UNSUPPORTED_FRAME_VERSION,
          type
              + " version "
              + version
              + " is not supported (this side speaks "
              + type.version()
              + ")");
    }
    Frame frame = type.parse(r);
    r.requireEnd(type.name());
    return frame;
  }

  /** Writes the whole frame, length prefix included. */
  public static void encode(Frame frame, ByteBuf out) {
    int start = out.writerIndex();
    out.writeInt(0);
    out.writeByte(frame.type().code());
    out.writeByte(frame.type().version());
    frame.write(new FrameWriter(out));
    out.setInt(start, out.writerIndex() - start - 4);
  }
}
