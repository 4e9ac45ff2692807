package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * Random and mutated input through {@link FrameDecoder}: the only allowed outcomes are decoded
 * frames or a {@link DecoderException} caused by a {@link MalformedFrameException}. Anything else
 * (another exception, an error such as OutOfMemoryError) fails with the seed, the case number and
 * the input in hex, so that the case can be replayed.
 */
@ExtendWith(NettyLeaks.class)
class FrameDecoderFuzzTest {
  private static final long SEED = 0x5EC0_2E_C4A7L;
  private static final int CASES = 20_000;

  /** Small, so that length mutations cross it often; every sample fits. */
  private static final int MAX = 4096;

  private static final int[] BOUNDARY_U16 = {0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF};
  private static final long[] BOUNDARY_U32 = {
    0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, MAX, MAX + 1L, MAX - 1L
  };

  private final Random random = new Random(SEED);
  private final List<Frame> samples = FrameSamples.all();
  private final List<byte[]> encoded = samples.stream().map(FrameSamples::encode).toList();
  private final Map<ErrorCode, Integer> failures = new EnumMap<>(ErrorCode.class);
  private int decodedFrames;

  @Test
  void onlyFramesOrMalformedFrameExceptions() {
    for (int i = 0; i < CASES; i++) {
      int pick = random.nextInt(samples.size());
      boolean fromClient =
          random.nextInt(20) == 0 ? random.nextBoolean() : samples.get(pick).type().sentByClient();
      byte[] input = input(encoded.get(pick));
      try {
        run(input, fromClient);
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "case %d (seed %x, fromClient %s): input %s"
                .formatted(i, SEED, fromClient, HexFormat.of().formatHex(input)),
            e);
      }
    }
    // The fuzzer must reach every outcome, or it is not exercising the parser.
    assertThat(decodedFrames).isGreaterThan(CASES / 20);
    assertThat(failures)
        .containsKeys(
            ErrorCode.MALFORMED_FRAME,
            ErrorCode.FRAME_TOO_LARGE,
            ErrorCode.UNKNOWN_FRAME,
            ErrorCode.UNSUPPORTED_FRAME_VERSION);
  }

  private byte[] input(byte[] valid) {
    return switch (random.nextInt(10)) {
      case 0 -> randomBytes(random.nextInt(48));
      case 1 -> randomBody();
      case 2 -> flipBits(valid, 1 + random.nextInt(4));
      case 3 -> Arrays.copyOf(valid, random.nextInt(valid.length)); // cut, prefix unchanged
      case 4 -> reprefixed(Arrays.copyOfRange(valid, 4, 4 + random.nextInt(valid.length - 4)));
      case 5 -> withLengthPrefix(valid);
      case 6 -> withInnerLength(valid);
      case 7 -> insertOrDelete(valid);
      case 8 -> flipBits(concat(valid, encoded.get(random.nextInt(encoded.size()))), 1);
      default -> valid.clone();
    };
  }

  /**
   * Feeds the input in one piece or in random pieces, checks every outcome, and checks that the
   * frames decoded before any failure re-encode to exactly the bytes they came from.
   */
  private void run(byte[] input, boolean fromClient) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, fromClient));
    List<Frame> frames = new ArrayList<>();
    boolean failed = false;
    try {
      int at = 0;
      while (at < input.length) {
        int n = random.nextInt(4) == 0 ? 1 + random.nextInt(input.length - at) : input.length - at;
        ByteBuf chunk =
            random.nextBoolean()
                ? Codec.buffer(Arrays.copyOfRange(input, at, at + n)) // leak-tracked
                : Unpooled.wrappedBuffer(input, at, n); // cheap: keeps the fuzz fast
        at += n;
        try {
          ch.writeInbound(chunk);
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

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** A correct prefix, a real type (either direction) and mostly version 1, then noise. */
  private byte[] randomBody() {
    byte[] body = randomBytes(2 + random.nextInt(64));
    FrameType[] types = FrameType.values();
    body[0] = (byte) types[random.nextInt(types.length)].code();
    body[1] = (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 1);
    return Wire.withPrefix(body, body.length);
  }

  private byte[] flipBits(byte[] b, int flips) {
    byte[] out = b.clone();
    for (int i = 0; i < flips; i++) {
      // Mostly in the body, where the parser is; sometimes in the length prefix.
      int at =
          random.nextInt(8) == 0 ? random.nextInt(out.length) : 4 + random.nextInt(out.length - 4);
      out[at] ^= (byte) (1 << random.nextInt(8));
    }
    return out;
  }

  private static byte[] reprefixed(byte[] body) {
    return Wire.withPrefix(body, body.length);
  }

  private byte[] withLengthPrefix(byte[] valid) {
    long real = valid.length - 4;
    long prefix =
        switch (random.nextInt(4)) {
          case 0 -> real + random.nextInt(9) - 4;
          case 1 -> BOUNDARY_U32[random.nextInt(BOUNDARY_U32.length)];
          case 2 -> random.nextInt() & 0xFFFF_FFFFL;
          default -> random.nextInt((int) real + 1);
        };
    return Wire.withPrefix(Arrays.copyOfRange(valid, 4, valid.length), Math.max(0, prefix));
  }

  /**
   * Overwrites two or four bytes of the body (where a length or count may sit) with an edge value.
   */
  private byte[] withInnerLength(byte[] valid) {
    byte[] out = valid.clone();
    int bodyStart = 6;
    if (out.length - bodyStart < 4) {
      return flipBits(out, 1);
    }
    int at = bodyStart + random.nextInt(out.length - bodyStart - 3);
    if (random.nextBoolean()) {
      int v = BOUNDARY_U16[random.nextInt(BOUNDARY_U16.length)];
      out[at] = (byte) (v >>> 8);
      out[at + 1] = (byte) v;
    } else {
      long v = BOUNDARY_U32[random.nextInt(BOUNDARY_U32.length)];
      for (int i = 0; i < 4; i++) {
        out[at + i] = (byte) (v >>> (24 - 8 * i));
      }
    }
    return out;
  }

  private byte[] insertOrDelete(byte[] valid) {
    byte[] body = Arrays.copyOfRange(valid, 4, valid.length);
    int at = random.nextInt(body.length + 1);
    int n = 1 + random.nextInt(4);
    byte[] out;
    if (random.nextBoolean() || body.length - at < n) {
      out = new byte[body.length + n];
      System.arraycopy(body, 0, out, 0, at);
      System.arraycopy(randomBytes(n), 0, out, at, n);
      System.arraycopy(body, at, out, at + n, body.length - at);
    } else {
      out = new byte[body.length - n];
      System.arraycopy(body, 0, out, 0, at);
      System.arraycopy(body, at + n, out, at, body.length - at - n);
    }
    return reprefixed(out);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
