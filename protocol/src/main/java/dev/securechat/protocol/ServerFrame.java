package dev.securechat.protocol;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Frames a server sends. Replies to a request echo its request id. */
public sealed interface ServerFrame extends Frame {

  record HelloOk(int protocolVersion, String software, String node, int maxFrameBytes)
      implements ServerFrame {
    public FrameType type() {
      return FrameType.HELLO_OK;
    }

    public void write(FrameWriter w) {
      w.u16(protocolVersion).string(software).string(node).u32(maxFrameBytes);
    }

    static HelloOk read(FrameReader r) throws MalformedFrameException {
      return new HelloOk(
          r.u16("protocol version"), r.string("software"), r.string("node"), r.u31("max frame"));
    }
  }

  /**
   * A successful login or resume. {@code deviceToken} is empty on a resume; {@code
   * missedBroadcasts} counts broadcasts pruned by retention before this account read them.
   */
  record LoginOk(
      long requestId, String username, byte[] deviceToken, long sessionNo, long missedBroadcasts)
      implements ServerFrame {
    public FrameType type() {
      return FrameType.LOGIN_OK;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(username).bytes(deviceToken).u63(sessionNo).u63(missedBroadcasts);
    }

    static LoginOk read(FrameReader r) throws MalformedFrameException {
      return new LoginOk(
          r.u32("request id"),
          r.string("username"),
          r.bytes("device token"),
          r.u63("session"),
          r.u63("missed"));
    }

    @Override
    public String toString() {
      return "LoginOk[requestId=" + requestId + ", username=" + username + "]";
    }
  }

  record Ok(long requestId) implements ServerFrame {
    public FrameType type() {
      return FrameType.OK;
    }

    public void write(FrameWriter w) {
      w.u32(requestId);
    }

    static Ok read(FrameReader r) throws MalformedFrameException {
      return new Ok(r.u32("request id"));
    }
  }

  record Bundle(
      long requestId,
      String username,
      byte[] identityKey,
      byte[] keyBundle,
      Optional<PreKey> oneTimePreKey)
      implements ServerFrame {
    public FrameType type() {
      return FrameType.BUNDLE;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(username).bytes(identityKey).bytes(keyBundle);
      w.bool(oneTimePreKey.isPresent());
      oneTimePreKey.ifPresent(k -> PreKey.write(w, k));
    }

    static Bundle read(FrameReader r) throws MalformedFrameException {
      long requestId = r.u32("request id");
      String username = r.string("username");
      byte[] identityKey = r.bytes("identity key");
      byte[] keyBundle = r.bytes("key bundle");
      Optional<PreKey> opk = r.bool("has prekey") ? Optional.of(PreKey.read(r)) : Optional.empty();
      return new Bundle(requestId, username, identityKey, keyBundle, opk);
    }
  }

  record SeqState(long requestId, String to, long lastSeq) implements ServerFrame {
    public FrameType type() {
      return FrameType.SEQ_STATE;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(to).u63(lastSeq);
    }

    static SeqState read(FrameReader r) throws MalformedFrameException {
      return new SeqState(r.u32("request id"), r.string("to"), r.u63("last seq"));
    }
  }

  record UserEntry(String username, boolean online) {}

  record UserList(long requestId, List<UserEntry> users) implements ServerFrame {
    public FrameType type() {
      return FrameType.USER_LIST;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).list(users, (out, u) -> out.string(u.username()).bool(u.online()));
    }

    static UserList read(FrameReader r) throws MalformedFrameException {
      return new UserList(
          r.u32("request id"),
          r.list("users", in -> new UserEntry(in.string("username"), in.bool("online"))));
    }
  }

  /** The message is durable on the server; the sender may drop it from its outbox. */
  record Stored(UUID id) implements ServerFrame {
    public FrameType type() {
      return FrameType.STORED;
    }

    public void write(FrameWriter w) {
      w.uuid(id);
    }

    static Stored read(FrameReader r) throws MalformedFrameException {
      return new Stored(r.uuid("id"));
    }
  }

  /** Not stored now; keep the message in the outbox and send it again after the delay. */
  record Busy(UUID id, long retryAfterMillis) implements ServerFrame {
    public FrameType type() {
      return FrameType.BUSY;
    }

    public void write(FrameWriter w) {
      w.uuid(id).u63(retryAfterMillis);
    }

    static Busy read(FrameReader r) throws MalformedFrameException {
      return new Busy(r.uuid("id"), r.u63("retry after"));
    }
  }

  /**
   * Not stored. For SEQ_GAP and SEQ_CONFLICT, {@code expectedSeq} is the seq the server wants; for
   * STORAGE_UNAVAILABLE the same field carries the retry delay instead ({@link #retryAfterMillis}),
   * so the layout, and older clients that ignore it, stay as they were.
   */
  record Rejected(UUID id, ErrorCode code, long expectedSeq) implements ServerFrame {
    public FrameType type() {
      return FrameType.REJECTED;
    }

    /** How long to wait before sending again, for STORAGE_UNAVAILABLE; 0 for every other code. */
    public long retryAfterMillis() {
      return code == ErrorCode.STORAGE_UNAVAILABLE ? expectedSeq : 0;
    }

    public void write(FrameWriter w) {
      w.uuid(id).u16(code.code()).u63(expectedSeq);
    }

    static Rejected read(FrameReader r) throws MalformedFrameException {
      return new Rejected(r.uuid("id"), ErrorCode.of(r.u16("code")), r.u63("expected seq"));
    }
  }

  /** A committed message, pushed in queue order; acknowledge with {@link ClientFrame.Ack}. */
  record Deliver(
      Stream stream, long qseq, UUID id, String from, long serverTimeMillis, byte[] envelope)
      implements ServerFrame {
    public FrameType type() {
      return FrameType.DELIVER;
    }

    public void write(FrameWriter w) {
      w.u8(stream.wire()).u63(qseq).uuid(id).string(from).u63(serverTimeMillis).bytes(envelope);
    }

    static Deliver read(FrameReader r) throws MalformedFrameException {
      return new Deliver(
          Stream.fromWire(r.u8("stream")),
          r.u63("qseq"),
          r.uuid("id"),
          r.string("from"),
          r.u63("server time"),
          r.bytes("envelope"));
    }

    @Override
    public String toString() {
      return "Deliver["
          + stream
          + " qseq="
          + qseq
          + ", id="
          + id
          + ", from="
          + from
          + ", "
          + envelope.length
          + " bytes]";
    }
  }

  /** Everyone online now; sent once after login, then {@link PresenceChange}s follow. */
  record Presence(List<String> online) implements ServerFrame {
    public FrameType type() {
      return FrameType.PRESENCE;
    }

    public void write(FrameWriter w) {
      w.list(online, FrameWriter::string);
    }

    static Presence read(FrameReader r) throws MalformedFrameException {
      return new Presence(r.list("online", in -> in.string("username")));
    }
  }

  record PresenceChange(String username, boolean online) implements ServerFrame {
    public FrameType type() {
      return FrameType.PRESENCE_CHANGE;
    }

    public void write(FrameWriter w) {
      w.string(username).bool(online);
    }

    static PresenceChange read(FrameReader r) throws MalformedFrameException {
      return new PresenceChange(r.string("username"), r.bool("online"));
    }
  }

  /** A failed request ({@code requestId} 0 when the failure belongs to no request). */
  record ErrorReply(long requestId, ErrorCode code, String message, long retryAfterMillis)
      implements ServerFrame {
    public FrameType type() {
      return FrameType.ERROR;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).u16(code.code()).string(message).u63(retryAfterMillis);
    }

    static ErrorReply read(FrameReader r) throws MalformedFrameException {
      return new ErrorReply(
          r.u32("request id"), ErrorCode.of(r.u16("code")), r.string("message"), r.u63("retry"));
    }
  }

  /** The server is closing this connection and says why. */
  record Bye(ErrorCode code, String message) implements ServerFrame {
    public FrameType type() {
      return FrameType.BYE;
    }

    public void write(FrameWriter w) {
      w.u16(code.code()).string(message);
    }

    static Bye read(FrameReader r) throws MalformedFrameException {
      return new Bye(ErrorCode.of(r.u16("code")), r.string("message"));
    }
  }

  record Ping(long nonce) implements ServerFrame {
    public FrameType type() {
      return FrameType.SERVER_PING;
    }

    public void write(FrameWriter w) {
      w.u63(nonce);
    }

    static Ping read(FrameReader r) throws MalformedFrameException {
      return new Ping(r.u63("nonce"));
    }
  }

  record Pong(long nonce) implements ServerFrame {
    public FrameType type() {
      return FrameType.SERVER_PONG;
    }

    public void write(FrameWriter w) {
      w.u63(nonce);
    }

    static Pong read(FrameReader r) throws MalformedFrameException {
      return new Pong(r.u63("nonce"));
    }
  }
}
