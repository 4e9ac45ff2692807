package dev.securechat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sample frames, at least one per {@link FrameType}, with edge values (empty and maximal numbers,
 * empty and non-ASCII strings, empty lists and byte strings, absent optionals). A new frame type
 * fails {@code FrameRoundTripTest} until it gets a sample here.
 */
public final class FrameSamples {
  public static final UUID ID = UUID.fromString("01890a5d-ac96-7b1c-8f3e-1234567890ab");
  public static final UUID ID2 = UUID.fromString("ffffffff-ffff-7fff-bfff-ffffffffffff");
  static final long U32_MAX = 0xFFFF_FFFFL;

  private FrameSamples() {}

  static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed + i * 31);
    }
    return b;
  }

  public static Map<FrameType, List<Frame>> byType() {
    List<Frame> all = new ArrayList<>();
    PreKey k1 = new PreKey(1, bytes(32, 1));
    PreKey kMax = new PreKey(Integer.MAX_VALUE, new byte[0]);
    byte[] secret = bytes(Limits.LOGIN_SECRET_BYTES, 7);
    byte[] token = bytes(Limits.DEVICE_TOKEN_BYTES, 9);
    String unicode = "ünïcødé ✓ 😀 \u0000 end";

    all.add(new ClientFrame.Hello(ProtocolVersion.CURRENT, "securechat-client/0.1.0"));
    all.add(new ClientFrame.Hello(0xFFFF, ""));
    all.add(
        new ClientFrame.Register(
            U32_MAX, "alice", secret, bytes(44, 2), bytes(1500, 3), List.of(k1, kMax)));
    all.add(new ClientFrame.Register(0, "Bob", secret, bytes(1, 4), new byte[0], List.of()));
    all.add(new ClientFrame.Login(1, "alice", secret));
    all.add(new ClientFrame.Login(2, unicode, new byte[Limits.LOGIN_SECRET_BYTES]));
    all.add(new ClientFrame.Resume(3, "alice", token));
    all.add(new ClientFrame.Logout(0));
    all.add(new ClientFrame.Logout(U32_MAX));
    all.add(new ClientFrame.FetchBundle(4, "carol"));
    all.add(new ClientFrame.UploadPreKeys(5, List.of(k1, kMax, new PreKey(0, bytes(3, 5)))));
    all.add(new ClientFrame.UploadPreKeys(6, List.of()));
    all.add(new ClientFrame.UpdateBundle(7, bytes(40, 9)));
    all.add(new ClientFrame.UpdateBundle(8, new byte[0]));
    all.add(new ClientFrame.Send(ID, 1, "bob", bytes(256, 6)));
    all.add(new ClientFrame.Send(ID2, Long.MAX_VALUE, unicode, new byte[0]));
    all.add(new ClientFrame.Broadcast(ID, 7, bytes(100, 8)));
    all.add(new ClientFrame.Broadcast(ID2, Long.MAX_VALUE, new byte[0]));
    all.add(new ClientFrame.Ack(Stream.DIRECT, 42));
    all.add(new ClientFrame.Ack(Stream.BROADCAST, Long.MAX_VALUE));
    all.add(new ClientFrame.Ack(Stream.DIRECT, 0));
    all.add(new ClientFrame.SeqQuery(7, Limits.BROADCAST_PAIR));
    all.add(new ClientFrame.SeqQuery(8, "bob"));
    all.add(new ClientFrame.ListUsers(9));
    all.add(new ClientFrame.Ping(0));
    all.add(new ClientFrame.Ping(Long.MAX_VALUE));
    all.add(new ClientFrame.Pong(11));

    all.add(new ServerFrame.HelloOk(1, "securechat-server/0.1.0", "node-1", 65_536));
    all.add(new ServerFrame.HelloOk(0xFFFF, "", unicode, Integer.MAX_VALUE));
    all.add(new ServerFrame.LoginOk(1, "alice", token, 3, 0));
    all.add(new ServerFrame.LoginOk(U32_MAX, "alice", new byte[0], Long.MAX_VALUE, 12));
    all.add(new ServerFrame.Ok(1));
    all.add(new ServerFrame.Bundle(4, "carol", bytes(44, 10), bytes(1500, 11), Optional.of(k1)));
    all.add(new ServerFrame.Bundle(5, "dave", bytes(44, 12), new byte[0], Optional.empty()));
    all.add(new ServerFrame.SeqState(7, Limits.BROADCAST_PAIR, 0));
    all.add(new ServerFrame.SeqState(8, "bob", Long.MAX_VALUE));
    all.add(
        new ServerFrame.UserList(
            9,
            List.of(
                new ServerFrame.UserEntry("alice", true),
                new ServerFrame.UserEntry("bob", false))));
    all.add(new ServerFrame.UserList(10, List.of()));
    all.add(new ServerFrame.Stored(ID));
    all.add(new ServerFrame.Busy(ID, 1000));
    all.add(new ServerFrame.Busy(ID2, Long.MAX_VALUE));
    all.add(new ServerFrame.Rejected(ID, ErrorCode.SEQ_GAP, 5));
    all.add(new ServerFrame.Rejected(ID2, ErrorCode.UNKNOWN_RECIPIENT, 0));
    all.add(
        new ServerFrame.Deliver(Stream.DIRECT, 1, ID, "alice", 1_700_000_000_000L, bytes(256, 13)));
    all.add(
        new ServerFrame.Deliver(
            Stream.BROADCAST, Long.MAX_VALUE, ID2, unicode, Long.MAX_VALUE, new byte[0]));
    all.add(new ServerFrame.Presence(List.of("alice", "bob", unicode)));
    all.add(new ServerFrame.Presence(List.of()));
    all.add(new ServerFrame.PresenceChange("bob", true));
    all.add(new ServerFrame.PresenceChange("bob", false));
    all.add(
        new ServerFrame.ErrorReply(
            0, ErrorCode.PROTOCOL_VERSION_MISMATCH, "upgrade the client", 0));
    all.add(new ServerFrame.ErrorReply(U32_MAX, ErrorCode.LOCKED_OUT, unicode, 4000));
    all.add(new ServerFrame.Bye(ErrorCode.SESSION_REPLACED, "logged in elsewhere"));
    all.add(new ServerFrame.Bye(ErrorCode.SERVER_SHUTDOWN, ""));
    all.add(new ServerFrame.Ping(1));
    all.add(new ServerFrame.Pong(Long.MAX_VALUE));

    Map<FrameType, List<Frame>> byType = new EnumMap<>(FrameType.class);
    for (Frame f : all) {
      byType.computeIfAbsent(f.type(), t -> new ArrayList<>()).add(f);
    }
    return byType;
  }

  public static List<Frame> all() {
    return byType().values().stream().flatMap(List::stream).toList();
  }

  /** Every error code, through each frame that carries one. */
  static List<Frame> everyErrorCode() {
    List<Frame> out = new ArrayList<>();
    for (ErrorCode code : ErrorCode.values()) {
      out.add(new ServerFrame.Rejected(ID, code, code.code()));
      out.add(new ServerFrame.ErrorReply(code.code(), code, code.description(), 0));
      out.add(new ServerFrame.Bye(code, code.name()));
    }
    return out;
  }

  /** The frame's encoding (length prefix included) as plain bytes. */
  public static byte[] encode(Frame frame) {
    ByteBuf buf = Unpooled.buffer();
    try {
      FrameCodec.encode(frame, buf);
      byte[] out = new byte[buf.readableBytes()];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }
}
