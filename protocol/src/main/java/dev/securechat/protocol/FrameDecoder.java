package dev.securechat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the byte stream at the u32 length prefix and parses each frame. An oversized prefix is
 * refused as soon as it is read (fail fast), before any of its bytes are buffered. Failures surface
 * as {@link DecoderException} caused by a {@link MalformedFrameException}. The first failure is
 * final: everything after it is discarded unread, so no frame that follows a bad one (in the same
 * read, or while the connection closes) reaches the handlers.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  private final boolean fromClient;
  private final int maxFrameBytes;
  private boolean failed;

  public FrameDecoder(int maxFrameBytes, boolean fromClient) {
    super(maxFrameBytes + 4, 0, 4, 0, 4, true);
    this.maxFrameBytes = maxFrameBytes;
    this.fromClient = fromClient;
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return null;
    }
    ByteBuf body;
    try {
      body = (ByteBuf) super.decode(ctx, in);
    } catch (TooLongFrameException e) {
      failed = true;
      throw new DecoderException(
          new MalformedFrameException(
              ErrorCode.FRAME_TOO_LARGE, "frame larger than " + maxFrameBytes + " bytes"));
    }
    if (body == null) {
      return null;
    }
    try {
      return FrameCodec.decode(body, fromClient);
    } catch (MalformedFrameException e) {
      failed = true;
      throw new DecoderException(e);
    } finally {
      body.release();
    }
  }

  @Override
  protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf buffer, int index, int length) {
    // A slice, not a copy: the body is parsed and released before the next read.
    return buffer.retainedSlice(index, length);
  }
}
