package dev.securechat.protocol;

import java.util.List;
import java.util.UUID;

/** Frames a client sends. Request ids are chosen by the client and echoed in the reply. */
public sealed interface ClientFrame extends Frame {

  /** First frame on every connection. */
  record Hello(int protocolVersion, String software) implements ClientFrame {
    public FrameType type() {
      return FrameType.HELLO;
    }

    public void write(FrameWriter w) {
      w.u16(protocolVersion).string(software);
    }

    static Hello read(FrameReader r) throws MalformedFrameException {
      return new Hello(r.u16("protocol version"), r.string("software"));
    }
  }

  /** Creates an account. {@code loginSecret} is derived from the password on the client. */
  record Register(
      long requestId,
      String username,
      byte[] loginSecret,
      byte[] identityKey,
      byte[] keyBundle,
      List<PreKey> oneTimePreKeys)
      implements ClientFrame {
    public FrameType type() {
      return FrameType.REGISTER;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(username).bytes(loginSecret).bytes(identityKey).bytes(keyBundle);
      w.list(oneTimePreKeys, PreKey::write);
    }

    static Register read(FrameReader r) throws MalformedFrameException {
      return new Register(
          r.u32("request id"),
          r.string("username"),
          r.fixed("login secret", Limits.LOGIN_SECRET_BYTES),
          r.bytes("identity key"),
          r.bytes("key bundle"),
          r.list("prekeys", PreKey::read));
    }

    @Override
    public String toString() {
      return "Register[requestId=" + requestId + ", username=" + username + "]";
    }
  }

  record Login(long requestId, String username, byte[] loginSecret) implements ClientFrame {
    public FrameType type() {
      return FrameType.LOGIN;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(username).bytes(loginSecret);
    }

    static Login read(FrameReader r) throws MalformedFrameException {
      return new Login(
          r.u32("request id"),
          r.string("username"),
          r.fixed("login secret", Limits.LOGIN_SECRET_BYTES));
    }

    @Override
    public String toString() {
      return "Login[requestId=" + requestId + ", username=" + username + "]";
    }
  }

  /** Logs in again with the device token from an earlier {@link ServerFrame.LoginOk}. */
  record Resume(long requestId, String username, byte[] deviceToken) implements ClientFrame {
    public FrameType type() {
      return FrameType.RESUME;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(username).bytes(deviceToken);
    }

    static Resume read(FrameReader r) throws MalformedFrameException {
      return new Resume(
          r.u32("request id"),
          r.string("username"),
          r.fixed("device token", Limits.DEVICE_TOKEN_BYTES));
    }

    @Override
    public String toString() {
      return "Resume[requestId=" + requestId + ", username=" + username + "]";
    }
  }

  /** Revokes the device token and ends the session. */
  record Logout(long requestId) implements ClientFrame {
    public FrameType type() {
      return FrameType.LOGOUT;
    }

    public void write(FrameWriter w) {
      w.u32(requestId);
    }

    static Logout read(FrameReader r) throws MalformedFrameException {
      return new Logout(r.u32("request id"));
    }
  }

  /** Asks for a user's published keys; hands out one of their one-time prekeys. */
  record FetchBundle(long requestId, String username) implements ClientFrame {
    public FrameType type() {
      return FrameType.FETCH_BUNDLE;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(username);
    }

    static FetchBundle read(FrameReader r) throws MalformedFrameException {
      return new FetchBundle(r.u32("request id"), r.string("username"));
    }
  }

  record UploadPreKeys(long requestId, List<PreKey> keys) implements ClientFrame {
    public FrameType type() {
      return FrameType.UPLOAD_PREKEYS;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).list(keys, PreKey::write);
    }

    static UploadPreKeys read(FrameReader r) throws MalformedFrameException {
      return new UploadPreKeys(r.u32("request id"), r.list("prekeys", PreKey::read));
    }
  }

  /**
   * Replaces the published key bundle (after a signed-prekey rotation). The identity key stays what
   * it was at registration.
   */
  record UpdateBundle(long requestId, byte[] keyBundle) implements ClientFrame {
    public FrameType type() {
      return FrameType.UPDATE_BUNDLE;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).bytes(keyBundle);
    }

    static UpdateBundle read(FrameReader r) throws MalformedFrameException {
      return new UpdateBundle(r.u32("request id"), r.bytes("key bundle"));
    }
  }

  /** A direct message: {@code seq} counts up by one per (sender, recipient) pair, from 1. */
  record Send(UUID id, long seq, String to, byte[] envelope) implements ClientFrame {
    public FrameType type() {
      return FrameType.SEND;
    }

    public void write(FrameWriter w) {
      w.uuid(id).u63(seq).string(to).bytes(envelope);
    }

    static Send read(FrameReader r) throws MalformedFrameException {
      return new Send(r.uuid("id"), r.seq("seq"), r.string("to"), r.bytes("envelope"));
    }

    @Override
    public String toString() {
      return "Send[id=" + id + ", seq=" + seq + ", to=" + to + ", " + envelope.length + " bytes]";
    }
  }

  /** A message to every account; {@code seq} counts up per sender on the broadcast pair. */
  record Broadcast(UUID id, long seq, byte[] envelope) implements ClientFrame {
    public FrameType type() {
      return FrameType.BROADCAST;
    }

    public void write(FrameWriter w) {
      w.uuid(id).u63(seq).bytes(envelope);
    }

    static Broadcast read(FrameReader r) throws MalformedFrameException {
      return new Broadcast(r.uuid("id"), r.seq("seq"), r.bytes("envelope"));
    }

    @Override
    public String toString() {
      return "Broadcast[id=" + id + ", seq=" + seq + ", " + envelope.length + " bytes]";
    }
  }

  /** Acknowledges every delivered message of {@code stream} up to and including {@code upTo}. */
  record Ack(Stream stream, long upTo) implements ClientFrame {
    public FrameType type() {
      return FrameType.ACK;
    }

    public void write(FrameWriter w) {
      w.u8(stream.wire()).u63(upTo);
    }

    static Ack read(FrameReader r) throws MalformedFrameException {
      return new Ack(Stream.fromWire(r.u8("stream")), r.u63("up to"));
    }
  }

  /** Asks for the last accepted seq of a pair ({@code to} = "*" for broadcasts). */
  record SeqQuery(long requestId, String to) implements ClientFrame {
    public FrameType type() {
      return FrameType.SEQ_QUERY;
    }

    public void write(FrameWriter w) {
      w.u32(requestId).string(to);
    }

    static SeqQuery read(FrameReader r) throws MalformedFrameException {
      return new SeqQuery(r.u32("request id"), r.string("to"));
    }
  }

  record ListUsers(long requestId) implements ClientFrame {
    public FrameType type() {
      return FrameType.LIST_USERS;
    }

    public void write(FrameWriter w) {
      w.u32(requestId);
    }

    static ListUsers read(FrameReader r) throws MalformedFrameException {
      return new ListUsers(r.u32("request id"));
    }
  }

  record Ping(long nonce) implements ClientFrame {
    public FrameType type() {
      return FrameType.CLIENT_PING;
    }

    public void write(FrameWriter w) {
      w.u63(nonce);
    }

    static Ping read(FrameReader r) throws MalformedFrameException {
      return new Ping(r.u63("nonce"));
    }
  }

  record Pong(long nonce) implements ClientFrame {
    public FrameType type() {
      return FrameType.CLIENT_PONG;
    }

    public void write(FrameWriter w) {
      w.u63(nonce);
    }

    static Pong read(FrameReader r) throws MalformedFrameException {
      return new Pong(r.u63("nonce"));
    }
  }
}
