package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;

/** Feeds raw bytes to a {@link FrameDecoder} in an {@link EmbeddedChannel}. */
final class Codec {
  private Codec() {}

  /** A leak-tracked buffer holding {@code bytes}; whoever receives it releases it. */
  static ByteBuf buffer(byte[] bytes) {
    return ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
  }

  /** Decodes {@code wire}, which must hold exactly one valid frame. */
  static Frame decodeOne(int max, boolean fromClient, byte[] wire) {
    List<Frame> frames = decodeAll(max, fromClient, wire);
    assertThat(frames).hasSize(1);
    return frames.getFirst();
  }

  static List<Frame> decodeAll(int max, boolean fromClient, byte[] wire) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(max, fromClient));
    try {
      ch.writeInbound(buffer(wire));
      return drain(ch);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  static List<Frame> drain(EmbeddedChannel ch) {
    List<Frame> frames = new ArrayList<>();
    for (Object o; (o = ch.readInbound()) != null; ) {
      assertThat(o).isInstanceOf(Frame.class);
      frames.add((Frame) o);
    }
    return frames;
  }

  /** Decodes {@code wire}, which must fail; returns the error code it failed with. */
  static ErrorCode failure(int max, boolean fromClient, byte[] wire) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(max, fromClient));
    try {
      Throwable thrown = catchThrowable(() -> ch.writeInbound(buffer(wire)));
      return codeOf(thrown);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  /** The error code of a decoder failure, after checking that it has the promised shape. */
  static ErrorCode codeOf(Throwable thrown) {
    assertThat(thrown)
        .isInstanceOf(DecoderException.class)
        .cause()
        .isInstanceOf(MalformedFrameException.class);
    return ((MalformedFrameException) thrown.getCause()).code();
  }
}
