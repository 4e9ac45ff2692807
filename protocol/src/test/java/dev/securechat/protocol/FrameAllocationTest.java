package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a length prefix can make the decoder allocate: nothing by itself. Buffers grow with the
 * bytes that actually arrive, and a prefix over the limit is refused before its body is buffered.
 */
@ExtendWith(NettyLeaks.class)
class FrameAllocationTest {
  private static final int MSS = 1460;

  @Test
  void aHugeAnnouncedFrameCostsOnlyTheBytesThatArrived() {
    RecordingAllocator alloc = new RecordingAllocator(true);
    int limit = Limits.MAX_CONFIGURABLE_FRAME_BYTES;
    EmbeddedChannel ch = channel(alloc, limit);
    try {
      // A Send announcing the largest frame allowed, then only 64 KiB of it, read by read.
      ch.writeInbound(alloc.buffer(4).writeInt(limit));
      int sent = 0;
      while (sent < 64 * 1024) {
        ch.writeInbound(alloc.buffer(MSS).writeZero(MSS));
        sent += MSS;
      }
      assertThat(ch.<Object>readInbound()).isNull();
      assertThat(alloc.largest())
          .as("grows with what arrived (%d bytes), not with the prefix (%d)", sent, limit)
          .isLessThanOrEqualTo(2 * Integer.highestOneBit(2 * (sent + MSS)))
          .isLessThan(limit / 64);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void aPrefixOverTheLimitAllocatesNothingAndDropsWhatFollows() {
    RecordingAllocator alloc = new RecordingAllocator(true);
    EmbeddedChannel ch = channel(alloc, 4096);
    try {
      ByteBuf prefix = alloc.buffer(4).writeInt(0xFFFF_FFFF);
      Throwable thrown = catchThrowable(() -> ch.writeInbound(prefix));
      assertThat(Codec.codeOf(thrown)).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      for (int i = 0; i < 700; i++) {
        ch.writeInbound(alloc.buffer(MSS).writeZero(MSS)); // a megabyte that is never kept
      }
      assertThat(ch.<Object>readInbound()).isNull();
      assertThat(alloc.largest()).as("only the reads themselves").isEqualTo(MSS);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static EmbeddedChannel channel(RecordingAllocator alloc, int limit) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(alloc);
    ch.pipeline().addLast(new FrameDecoder(limit, true));
    return ch;
  }
}
