package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every frame type survives FrameEncoder -> bytes -> FrameDecoder unchanged. */
@ExtendWith(NettyLeaks.class)
class FrameRoundTripTest {
  private static final int MAX = Limits.DEFAULT_MAX_FRAME_BYTES;

  @Test
  void everyFrameTypeHasASample() {
    Map<FrameType, List<Frame>> samples = FrameSamples.byType();
    for (FrameType type : FrameType.values()) {
      assertThat(samples.get(type))
          .as("a sample of %s in FrameSamples (add one when adding a frame type)", type)
          .isNotNull()
          .isNotEmpty();
    }
  }

  @Test
  void everyFrameRecordHasASample() {
    Set<Class<?>> sampled = new HashSet<>();
    FrameSamples.all().forEach(f -> sampled.add(f.getClass()));
    List<Class<?>> records = new ArrayList<>();
    records.addAll(List.of(ClientFrame.class.getPermittedSubclasses()));
    records.addAll(List.of(ServerFrame.class.getPermittedSubclasses()));
    assertThat(records).hasSize(FrameType.values().length);
    assertThat(sampled).containsExactlyInAnyOrderElementsOf(records);
  }

  @Test
  void everySampleRoundTrips() {
    List<Frame> samples = FrameSamples.all();
    assertThat(samples).hasSizeGreaterThan(FrameType.values().length);
    for (Frame frame : samples) {
      Frame decoded = roundTrip(frame);
      assertThat(decoded)
          .as("%s after a round trip", frame.type())
          .usingRecursiveComparison()
          .withStrictTypeChecking()
          .isEqualTo(frame);
    }
  }

  @Test
  void everyErrorCodeRoundTrips() {
    for (Frame frame : FrameSamples.everyErrorCode()) {
      assertThat(roundTrip(frame)).isEqualTo(frame);
    }
  }

  @Test
  void theComparisonSeesByteArraysListsAndOptionals() {
    // Guards the test above: a recursive comparison that ignored array contents would pass
    // any codec that wrote the right lengths.
    byte[] envelope = FrameSamples.bytes(16, 1);
    byte[] changed = envelope.clone();
    changed[15] ^= 1;
    assertThat(new ClientFrame.Send(FrameSamples.ID, 1, "bob", envelope))
        .usingRecursiveComparison()
        .withStrictTypeChecking()
        .isNotEqualTo(new ClientFrame.Send(FrameSamples.ID, 1, "bob", changed));
    assertThat(new ClientFrame.UploadPreKeys(1, List.of(new PreKey(1, envelope))))
        .usingRecursiveComparison()
        .isNotEqualTo(new ClientFrame.UploadPreKeys(1, List.of(new PreKey(1, changed))));
    assertThat(
            new ServerFrame.Bundle(
                1, "a", envelope, envelope, Optional.of(new PreKey(1, envelope))))
        .usingRecursiveComparison()
        .isNotEqualTo(
            new ServerFrame.Bundle(
                1, "a", envelope, envelope, Optional.of(new PreKey(1, changed))));
  }

  @Test
  void typeCodesAreUniqueAndTellTheDirection() {
    Set<Integer> codes = new HashSet<>();
    for (FrameType type : FrameType.values()) {
      assertThat(codes.add(type.code())).as("code of %s is unique", type).isTrue();
      assertThat(type.version()).isEqualTo(1);
      if (type.sentByClient()) {
        assertThat(type.code()).isBetween(0x01, 0x3F);
      } else {
        assertThat(type.code()).isBetween(0x40, 0x7F);
      }
    }
    for (Frame frame : FrameSamples.all()) {
      assertThat(frame.type().sentByClient())
          .as("%s direction", frame.type())
          .isEqualTo(frame instanceof ClientFrame);
    }
  }

  @Test
  void theLengthPrefixCountsTypeVersionAndBody() {
    for (Frame frame : FrameSamples.all()) {
      byte[] wire = FrameSamples.encode(frame);
      long prefix =
          ((wire[0] & 0xFFL) << 24)
              | ((wire[1] & 0xFF) << 16)
              | ((wire[2] & 0xFF) << 8)
              | (wire[3] & 0xFF);
      assertThat(prefix).isEqualTo(wire.length - 4);
      assertThat(wire[4] & 0xFF).isEqualTo(frame.type().code());
      assertThat(wire[5] & 0xFF).isEqualTo(frame.type().version());
    }
  }

  /** Pins the byte layout that docs/protocol.md describes. */
  @Test
  void goldenBytes() {
    assertThat(
            hex(
                new ClientFrame.Send(
                    FrameSamples.ID, 1, "bob", new byte[] {(byte) 0xCA, (byte) 0xFE})))
        .isEqualTo(
            "00000025" // length: 37 = 1 + 1 + 16 + 8 + 2 + 3 + 4 + 2
                + "08"
                + "01" // type SEND, version 1
                + "01890a5dac967b1c8f3e1234567890ab" // id
                + "0000000000000001" // seq
                + "0003"
                + "626f62" // to = "bob"
                + "00000002"
                + "cafe"); // envelope
    assertThat(hex(new ClientFrame.Ack(Stream.BROADCAST, 258)))
        .isEqualTo("0000000b" + "0a01" + "01" + "0000000000000102");
    assertThat(hex(new ClientFrame.Hello(1, "é")))
        .isEqualTo("00000008" + "0101" + "0001" + "0002" + "c3a9");
    assertThat(
            hex(
                new ServerFrame.Bundle(
                    9,
                    "al",
                    new byte[] {1},
                    new byte[0],
                    Optional.of(new PreKey(5, new byte[] {2})))))
        .isEqualTo(
            "0000001d"
                + "4401"
                + "00000009"
                + "0002"
                + "616c"
                + "00000001"
                + "01"
                + "00000000"
                + "01"
                + "00000005"
                + "00000001"
                + "02");
    assertThat(hex(new ServerFrame.UserList(1, List.of(new ServerFrame.UserEntry("a", true)))))
        .isEqualTo("0000000c" + "4601" + "00000001" + "0001" + "0001" + "61" + "01");
    assertThat(hex(new ServerFrame.Rejected(FrameSamples.ID, ErrorCode.SEQ_GAP, 3)))
        .isEqualTo(
            "0000001c" + "4901" + "01890a5dac967b1c8f3e1234567890ab" + "0029" + "0000000000000003");
  }

  @Test
  void unknownErrorCodesFromANewerPeerReadAsInternal() {
    byte[] wire = Wire.frame(FrameType.BYE).u16(12345).string("from the future").toBytes();
    Frame decoded = Codec.decodeOne(MAX, false, wire);
    assertThat(decoded).isEqualTo(new ServerFrame.Bye(ErrorCode.INTERNAL, "from the future"));
  }

  @Test
  void aFrameOfExactlyTheMaximumSizeIsAccepted() {
    int max = 1024;
    // Send: type, version, id, seq, "bob", envelope length = 2 + 16 + 8 + 5 + 4 = 35 bytes.
    byte[] envelope = new byte[max - 35];
    ClientFrame.Send send = new ClientFrame.Send(FrameSamples.ID, 1, "bob", envelope);
    byte[] wire = FrameSamples.encode(send);
    assertThat(wire.length).isEqualTo(max + 4);
    assertThat(Codec.decodeOne(max, true, wire)).usingRecursiveComparison().isEqualTo(send);
  }

  @Test
  void aDeliverOfTheLargestAllowedEnvelopeFitsTheFrameLimit() {
    // The server refuses envelopes above maxEnvelopeBytes so that their delivery always fits.
    int max = Limits.DEFAULT_MAX_FRAME_BYTES;
    byte[] envelope = new byte[Limits.maxEnvelopeBytes(max)];
    String longestName = "x".repeat(Usernames.MAX_LENGTH);
    var deliver =
        new ServerFrame.Deliver(
            Stream.DIRECT, Long.MAX_VALUE, FrameSamples.ID, longestName, 1, envelope);
    assertThat(FrameSamples.encode(deliver).length - 4).isLessThanOrEqualTo(max);
    var send = new ClientFrame.Send(FrameSamples.ID, Long.MAX_VALUE, longestName, envelope);
    assertThat(FrameSamples.encode(send).length - 4).isLessThanOrEqualTo(max);
  }

  private static String hex(Frame frame) {
    return HexFormat.of().formatHex(FrameSamples.encode(frame));
  }

  /** Encodes with FrameEncoder in one channel, decodes with FrameDecoder in another. */
  private static Frame roundTrip(Frame frame) {
    EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder());
    EmbeddedChannel receiver =
        new EmbeddedChannel(new FrameDecoder(MAX, frame.type().sentByClient()));
    try {
      assertThat(sender.writeOutbound(frame)).isTrue();
      ByteBuf wire = sender.readOutbound();
      assertThat(sender.<Object>readOutbound()).isNull();
      byte[] expected = FrameSamples.encode(frame);
      assertThat(ByteBufUtil.getBytes(wire))
          .as("FrameEncoder writes what FrameCodec writes")
          .isEqualTo(expected);
      assertThat(receiver.writeInbound(wire)).isTrue();
      Frame decoded = receiver.readInbound();
      assertThat(receiver.<Object>readInbound()).isNull();
      assertThat(Arrays.equals(FrameSamples.encode(decoded), expected))
          .as("%s re-encodes to the same bytes", frame.type())
          .isTrue();
      return decoded;
    } finally {
      sender.finishAndReleaseAll();
      receiver.finishAndReleaseAll();
    }
  }
}
