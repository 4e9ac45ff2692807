package dev.securechat.protocol;

import static dev.securechat.protocol.Codec.buffer;
import static dev.securechat.protocol.Codec.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw bytes, good and bad, through {@link FrameDecoder} in an EmbeddedChannel. */
@ExtendWith(NettyLeaks.class)
class FrameDecoderTest {
  private static final int MAX = Limits.DEFAULT_MAX_FRAME_BYTES;
  private static final byte[] SECRET = new byte[Limits.LOGIN_SECRET_BYTES];

  private static ErrorCode fromClient(Wire frame) {
    return failure(MAX, true, frame.toBytes());
  }

  private static ErrorCode fromServer(Wire frame) {
    return failure(MAX, false, frame.toBytes());
  }

  // ---- framing ----

  @Test
  void anOversizedLengthPrefixIsRefusedBeforeTheBodyArrives() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, true));
    try {
      // Only the 4-byte prefix of a 10 MB frame: the refusal must not wait for the body.
      Throwable thrown =
          catchThrowable(() -> ch.writeInbound(buffer(Wire.withPrefix(new byte[0], 10 << 20))));
      assertThat(Codec.codeOf(thrown)).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      // Whatever follows is dropped, not buffered and not decoded.
      ByteBuf more = buffer(new byte[256 * 1024]);
      ch.writeInbound(more);
      assertThat(more.refCnt()).isZero();
      ch.writeInbound(buffer(FrameSamples.encode(new ClientFrame.Ping(1))));
      assertThat(ch.<Object>readInbound()).isNull();
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {MAX + 1L, 10L << 20, Integer.MAX_VALUE, 0x8000_0000L, 0xFFFF_FFFFL})
  void aLengthPrefixAboveTheMaximumIsFrameTooLarge(long prefix) {
    assertThat(failure(MAX, true, Wire.withPrefix(new byte[] {1}, prefix)))
        .isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    assertThat(failure(MAX, false, Wire.withPrefix(new byte[0], prefix)))
        .isEqualTo(ErrorCode.FRAME_TOO_LARGE);
  }

  @Test
  void aCompleteFrameOneByteOverTheMaximumIsRefused() {
    int max = 1024;
    byte[] wire =
        FrameSamples.encode(new ClientFrame.Send(FrameSamples.ID, 1, "bob", new byte[max - 34]));
    assertThat(wire.length).isEqualTo(max + 5);
    assertThat(failure(max, true, wire)).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
  }

  @Test
  void anEmptyOrOneByteBodyIsMalformed() {
    assertThat(fromClient(Wire.empty())).isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromClient(Wire.empty().u8(FrameType.CLIENT_PING.code())))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @Test
  void aFrameSplitIntoOneByteReadsDecodes() {
    for (Frame frame : FrameSamples.all()) {
      byte[] wire = FrameSamples.encode(frame);
      EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, frame.type().sentByClient()));
      try {
        for (int i = 0; i < wire.length; i++) {
          ch.writeInbound(buffer(new byte[] {wire[i]}));
          if (i < wire.length - 1) {
            assertThat(ch.<Object>readInbound()).as("nothing before the last byte").isNull();
          }
        }
        assertThat(Codec.drain(ch))
            .singleElement()
            .usingRecursiveComparison()
            .withStrictTypeChecking()
            .isEqualTo(frame);
      } finally {
        ch.finishAndReleaseAll();
      }
    }
  }

  @Test
  void twoFramesInOneBufferDecodeAsTwo() {
    Frame first = new ClientFrame.Send(FrameSamples.ID, 1, "bob", new byte[] {1, 2, 3});
    Frame second = new ClientFrame.Ack(Stream.DIRECT, 9);
    byte[] wire = concat(FrameSamples.encode(first), FrameSamples.encode(second));
    List<Frame> decoded = Codec.decodeAll(MAX, true, wire);
    assertThat(decoded)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(first, second);
  }

  @Test
  void everySampleFromOneStreamSplitAtRandomPointsDecodesInOrder() {
    for (boolean fromClient : new boolean[] {true, false}) {
      List<Frame> frames =
          FrameSamples.all().stream().filter(f -> f.type().sentByClient() == fromClient).toList();
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      frames.forEach(f -> stream.writeBytes(FrameSamples.encode(f)));
      byte[] wire = stream.toByteArray();
      Random random = new Random(42);
      EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, fromClient));
      List<Frame> decoded = new ArrayList<>();
      try {
        for (int at = 0; at < wire.length; ) {
          int n = Math.min(wire.length - at, 1 + random.nextInt(300));
          ch.writeInbound(buffer(Arrays.copyOfRange(wire, at, at + n)));
          decoded.addAll(Codec.drain(ch));
          at += n;
        }
      } finally {
        ch.finishAndReleaseAll();
      }
      assertThat(decoded)
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(frames);
    }
  }

  @Test
  void nothingIsDecodedAfterAMalformedFrame() {
    // A malformed frame ends the connection; a frame behind it, even in the same read, must not
    // reach the handlers while the connection closes (nor when the decoder is closed).
    byte[] bad = Wire.frame(FrameType.CLIENT_PING).u64(-1).toBytes();
    byte[] good = FrameSamples.encode(new ClientFrame.Ping(1));
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, true));
    try {
      Throwable thrown = catchThrowable(() -> ch.writeInbound(buffer(concat(bad, good))));
      assertThat(Codec.codeOf(thrown)).isEqualTo(ErrorCode.MALFORMED_FRAME);
      ch.writeInbound(buffer(good));
      assertThat(ch.<Object>readInbound()).isNull();
      assertThat(ch.finish()).as("nothing decoded at close either").isFalse();
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  // ---- type and version ----

  @Test
  void everyUnassignedTypeCodeIsUnknown() {
    for (int code = 0; code <= 0xFF; code++) {
      int c = code;
      if (Arrays.stream(FrameType.values()).anyMatch(t -> t.code() == c)) {
        continue;
      }
      assertThat(fromClient(Wire.frame(code, 1)))
          .as("0x%02x", code)
          .isEqualTo(ErrorCode.UNKNOWN_FRAME);
      assertThat(fromServer(Wire.frame(code, 1)))
          .as("0x%02x", code)
          .isEqualTo(ErrorCode.UNKNOWN_FRAME);
    }
  }

  @Test
  void aFrameOfTheWrongDirectionIsUnknown() {
    for (Frame frame : FrameSamples.all()) {
      byte[] wire = FrameSamples.encode(frame);
      boolean wrongSide = !frame.type().sentByClient();
      assertThat(failure(MAX, wrongSide, wire))
          .as("%s sent the wrong way", frame.type())
          .isEqualTo(ErrorCode.UNKNOWN_FRAME);
    }
  }

  @Test
  void anotherVersionOfAKnownTypeIsUnsupported() {
    for (Frame frame : FrameSamples.all()) {
      for (int version : new int[] {0, 2, 0xFF}) {
        byte[] wire = FrameSamples.encode(frame);
        wire[5] = (byte) version;
        assertThat(failure(MAX, frame.type().sentByClient(), wire))
            .as("%s version %d", frame.type(), version)
            .isEqualTo(ErrorCode.UNSUPPORTED_FRAME_VERSION);
      }
    }
  }

  // ---- fields ----

  @Test
  void everyTruncationOfEveryBodyIsMalformed() {
    for (Frame frame : FrameSamples.all()) {
      byte[] encoded = FrameSamples.encode(frame);
      byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
      for (int cut = 0; cut < body.length; cut++) {
        if (cut > 100 && cut < body.length - 100 && cut % 50 != 0) {
          continue; // inside a long byte string every cut fails the same way
        }
        byte[] wire = Wire.withPrefix(Arrays.copyOf(body, cut), cut);
        assertThat(failure(MAX, frame.type().sentByClient(), wire))
            .as("%s cut to %d of %d body bytes", frame.type(), cut, body.length)
            .isEqualTo(ErrorCode.MALFORMED_FRAME);
      }
    }
  }

  @Test
  void trailingBytesAreMalformed() {
    for (Frame frame : FrameSamples.all()) {
      byte[] encoded = FrameSamples.encode(frame);
      for (int extra : new int[] {1, 7}) {
        byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length + extra);
        assertThat(failure(MAX, frame.type().sentByClient(), Wire.withPrefix(body, body.length)))
            .as("%s with %d trailing bytes", frame.type(), extra)
            .isEqualTo(ErrorCode.MALFORMED_FRAME);
      }
    }
  }

  @Test
  void aStringLengthBeyondTheFrameIsMalformed() {
    assertThat(fromClient(Wire.frame(FrameType.HELLO).u16(1).u16(10).hex("616263")))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromClient(Wire.frame(FrameType.HELLO).u16(1).u16(0xFFFF)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromClient(Wire.frame(FrameType.SEQ_QUERY).u32(1).u16(4).hex("626f62")))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @Test
  void aBytesLengthBeyondTheFrameIsMalformed() {
    Wire send = Wire.frame(FrameType.SEND).uuid(FrameSamples.ID).u64(1).string("bob");
    assertThat(fromClient(send.u32(0xFFFF_FFFFL))).isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromClient(
                Wire.frame(FrameType.SEND)
                    .uuid(FrameSamples.ID)
                    .u64(1)
                    .string("bob")
                    .u32(4)
                    .hex("010203")))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromClient(
                Wire.frame(FrameType.BROADCAST).uuid(FrameSamples.ID).u64(1).u32(0x7FFF_FFFF)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromServer(Wire.frame(FrameType.LOGIN_OK).u32(1).string("a").u32(0x8000_0000L)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @Test
  void aListCountBeyondTheFrameIsMalformed() {
    assertThat(fromClient(Wire.frame(FrameType.UPLOAD_PREKEYS).u32(1).u16(0xFFFF)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromServer(Wire.frame(FrameType.PRESENCE).u16(2).string("alice")))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "80", // a lone continuation byte
        "c0af", // overlong "/"
        "e080af", // overlong "/", three bytes
        "c3", // truncated two-byte sequence
        "e282", // truncated three-byte sequence
        "eda080", // an encoded surrogate (U+D800)
        "f4908080", // above U+10FFFF
        "fe", // never valid
        "61ff62"
      })
  void invalidUtf8IsMalformed(String hex) {
    byte[] bad = HexFormat.of().parseHex(hex);
    assertThat(fromClient(Wire.frame(FrameType.HELLO).u16(1).utf8(bad)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromClient(Wire.frame(FrameType.SEND).uuid(FrameSamples.ID).u64(1).utf8(bad).bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromServer(Wire.frame(FrameType.PRESENCE).u16(1).utf8(bad)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @Test
  void validUtf8OfEveryLengthIsAccepted() {
    Frame decoded =
        Codec.decodeOne(
            MAX,
            true,
            Wire.frame(FrameType.HELLO).u16(1).hex("000a").hex("24c2a2e282acf0908d88").toBytes());
    assertThat(decoded).isEqualTo(new ClientFrame.Hello(1, "$¢€𐍈"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64})
  void aLoginSecretOrDeviceTokenOfTheWrongLengthIsMalformed(int length) {
    assertThat(fromClient(Wire.frame(FrameType.LOGIN).u32(1).string("alice").bytes(length)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromClient(Wire.frame(FrameType.RESUME).u32(1).string("alice").bytes(length)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromClient(
                Wire.frame(FrameType.REGISTER)
                    .u32(1)
                    .string("alice")
                    .bytes(length)
                    .bytes(32)
                    .bytes(0)
                    .u16(0)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @Test
  void aLoginSecretOfExactly32BytesIsAccepted() {
    Frame login =
        Codec.decodeOne(
            MAX, true, Wire.frame(FrameType.LOGIN).u32(1).string("alice").bytes(SECRET).toBytes());
    assertThat(login)
        .usingRecursiveComparison()
        .isEqualTo(new ClientFrame.Login(1, "alice", SECRET));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 0x7F, 0x80, 0xFF})
  void booleansOtherThanZeroOrOneAreMalformed(int value) {
    assertThat(fromServer(Wire.frame(FrameType.PRESENCE_CHANGE).string("bob").u8(value)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromServer(Wire.frame(FrameType.USER_LIST).u32(1).u16(1).string("bob").u8(value)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromServer(
                Wire.frame(FrameType.BUNDLE)
                    .u32(1)
                    .string("bob")
                    .bytes(1)
                    .bytes(1)
                    .u8(value)
                    .u32(1)
                    .bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE, 0x8000_0000_0000_0001L})
  void negativeU63IsMalformed(long value) {
    assertThat(
            fromClient(
                Wire.frame(FrameType.SEND).uuid(FrameSamples.ID).u64(value).string("bob").bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromClient(Wire.frame(FrameType.ACK).u8(0).u64(value)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromClient(Wire.frame(FrameType.CLIENT_PING).u64(value)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromServer(
                Wire.frame(FrameType.DELIVER)
                    .u8(0)
                    .u64(value)
                    .uuid(FrameSamples.ID)
                    .string("a")
                    .u64(1)
                    .bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromServer(Wire.frame(FrameType.BUSY).uuid(FrameSamples.ID).u64(value)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @Test
  void aSendOrBroadcastWithSeqZeroIsMalformed() {
    // Sequence numbers start at 1; the server's writer relies on the codec refusing 0.
    assertThat(
            fromClient(
                Wire.frame(FrameType.SEND).uuid(FrameSamples.ID).u64(0).string("bob").bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(fromClient(Wire.frame(FrameType.BROADCAST).uuid(FrameSamples.ID).u64(0).bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @Test
  void aU31AboveIntMaxIsMalformed() {
    assertThat(
            fromClient(
                Wire.frame(FrameType.UPLOAD_PREKEYS).u32(1).u16(1).u32(0x8000_0000L).bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromServer(
                Wire.frame(FrameType.HELLO_OK).u16(1).string("s").string("n").u32(0xFFFF_FFFFL)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 0x80, 0xFF})
  void anUnknownStreamIsMalformed(int stream) {
    assertThat(fromClient(Wire.frame(FrameType.ACK).u8(stream).u64(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(
            fromServer(
                Wire.frame(FrameType.DELIVER)
                    .u8(stream)
                    .u64(1)
                    .uuid(FrameSamples.ID)
                    .string("a")
                    .u64(1)
                    .bytes(1)))
        .isEqualTo(ErrorCode.MALFORMED_FRAME);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
