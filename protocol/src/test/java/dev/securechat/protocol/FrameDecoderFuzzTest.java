package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random and mutated input through {@link FrameDecoder}, cut into TCP-sized reads: the only allowed
 * outcomes are decoded frames or a {@link DecoderException} caused by a {@link
 * MalformedFrameException}, and no buffer beyond the frame limit plus one read is ever allocated.
 * Anything else (another exception, an error such as OutOfMemoryError) fails with the seed, the
 * case number and the input in hex, so that the case can be replayed. {@code
 * -Dsecurechat.fuzz.cases} and {@code -Dsecurechat.fuzz.seed} make a longer or another run.
 */
@ExtendWith(NettyLeaks.class)
class FrameDecoderFuzzTest {
  private static final Fuzz FUZZ = Fuzz.settings(0x5EC0_2E_C4A7L, 50_000);

  /** Small, so that length mutations cross it often; every sample fits. */
  private static final int MAX = 4096;

  private final Random random = new Random(FUZZ.seed());
  private final FrameMutator mutator =
      new FrameMutator(random, FrameSamples.all().stream().map(FrameSamples::encode).toList(), MAX);
  private final Map<ErrorCode, Integer> failures = new EnumMap<>(ErrorCode.class);
  private int decodedFrames;
  private int largestAllocation;

  @Test
  void onlyFramesOrMalformedFrameExceptions() {
    for (int i = 0; i < FUZZ.cases(); i++) {
      byte[] valid = mutator.pick();
      boolean fromClient = random.nextInt(20) == 0 ? random.nextBoolean() : valid[4] < 0x40;
      byte[] input = mutator.mutate(valid);
      int[] chunks = mutator.chunkSizes(input);
      // Every few cases through the leak detector, which is slow at the paranoid level.
      RecordingAllocator alloc = new RecordingAllocator(random.nextInt(8) == 0);
      try {
        run(input, chunks, fromClient, alloc);
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "%s (fromClient %s, reads %s): input %s"
                .formatted(
                    FUZZ.replay(i),
                    fromClient,
                    Arrays.toString(chunks),
                    HexFormat.of().formatHex(input)),
            e);
      }
    }
    // The fuzzer must reach every outcome, or it is not exercising the parser.
    assertThat(decodedFrames).isGreaterThan(FUZZ.cases() / 20);
    assertThat(failures)
        .containsKeys(
            ErrorCode.MALFORMED_FRAME,
            ErrorCode.FRAME_TOO_LARGE,
            ErrorCode.UNKNOWN_FRAME,
            ErrorCode.UNSUPPORTED_FRAME_VERSION);
    assertThat(largestAllocation).as("the largest buffer of the whole run").isPositive();
  }

  /**
   * Feeds the input read by read, checks every outcome and the allocations, and checks that the
   * frames decoded before any failure re-encode to exactly the bytes they came from.
   */
  private void run(byte[] input, int[] chunks, boolean fromClient, RecordingAllocator alloc) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(alloc);
    ch.pipeline().addLast(new FrameDecoder(MAX, fromClient));
    List<Frame> frames = new ArrayList<>();
    boolean failed = false;
    int largestRead = 0;
    try {
      int at = 0;
      for (int n : chunks) {
        ByteBuf read = alloc.buffer(n).writeBytes(input, at, n);
        at += n;
        largestRead = Math.max(largestRead, n);
        try {
          ch.writeInbound(read);
        } catch (DecoderException e) {
          failed(e);
          failed = true;
        }
        if (!failed) {
          frames.addAll(Codec.drain(ch));
        }
      }
    } finally {
      try {
        ch.finishAndReleaseAll();
      } catch (DecoderException e) {
        failed(e);
      }
    }
    assertThat(alloc.largest())
        .as("largest buffer, for reads of at most %d bytes", largestRead)
        .isLessThanOrEqualTo(allocationBound(largestRead));
    largestAllocation = Math.max(largestAllocation, alloc.largest());
    decodedFrames += frames.size();
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    for (Frame f : frames) {
      if (carriesUnknownErrorCode(f)) {
        return; // read as INTERNAL, so it cannot re-encode to the same number
      }
      again.writeBytes(FrameSamples.encode(f));
    }
    byte[] reencoded = again.toByteArray();
    assertThat(Arrays.copyOf(input, Math.min(input.length, reencoded.length)))
        .as("decoded frames re-encode to the bytes they came from")
        .isEqualTo(reencoded);
  }

  /**
   * What the decoder may hold: one incomplete frame (at most the limit and its prefix) and the read
   * that is being added to it, in a buffer Netty rounds up to a power of two. Never the length a
   * prefix announces.
   */
  static int allocationBound(int largestRead) {
    return Integer.highestOneBit(2 * (MAX + 4 + largestRead) - 1);
  }

  private void failed(DecoderException e) {
    failures.merge(Codec.codeOf(e), 1, Integer::sum);
  }

  private static boolean carriesUnknownErrorCode(Frame f) {
    ErrorCode code =
        switch (f) {
          case ServerFrame.Rejected r -> r.code();
          case ServerFrame.ErrorReply e -> e.code();
          case ServerFrame.Bye b -> b.code();
          default -> null;
        };
    return code == ErrorCode.INTERNAL;
  }
}
