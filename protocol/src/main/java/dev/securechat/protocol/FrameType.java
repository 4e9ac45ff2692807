package dev.securechat.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dispatch table: one entry per frame type with its wire code, its current version and its
 * parser. Client frames use codes 0x01-0x3F, server frames 0x40-0x7F.
 */
public enum FrameType {
  HELLO(0x01, ClientFrame.Hello::read),
  REGISTER(0x02, ClientFrame.Register::read),
  LOGIN(0x03, ClientFrame.Login::read),
  RESUME(0x04, ClientFrame.Resume::read),
  LOGOUT(0x05, ClientFrame.Logout::read),
  FETCH_BUNDLE(0x06, ClientFrame.FetchBundle::read),
  UPLOAD_PREKEYS(0x07, ClientFrame.UploadPreKeys::read),
  SEND(0x08, ClientFrame.Send::read),
  BROADCAST(0x09, ClientFrame.Broadcast::read),
  ACK(0x0A, ClientFrame.Ack::read),
  SEQ_QUERY(0x0B, ClientFrame.SeqQuery::read),
  LIST_USERS(0x0C, ClientFrame.ListUsers::read),
  CLIENT_PING(0x0D, ClientFrame.Ping::read),
  CLIENT_PONG(0x0E, ClientFrame.Pong::read),
  UPDATE_BUNDLE(0x0F, ClientFrame.UpdateBundle::read),

  HELLO_OK(0x41, ServerFrame.HelloOk::read),
  LOGIN_OK(0x42, ServerFrame.LoginOk::read),
  OK(0x43, ServerFrame.Ok::read),
  BUNDLE(0x44, ServerFrame.Bundle::read),
  SEQ_STATE(0x45, ServerFrame.SeqState::read),
  USER_LIST(0x46, ServerFrame.UserList::read),
  STORED(0x47, ServerFrame.Stored::read),
  BUSY(0x48, ServerFrame.Busy::read),
  REJECTED(0x49, ServerFrame.Rejected::read),
  DELIVER(0x4A, ServerFrame.Deliver::read),
  PRESENCE(0x4B, ServerFrame.Presence::read),
  PRESENCE_CHANGE(0x4C, ServerFrame.PresenceChange::read),
  ERROR(0x4D, ServerFrame.ErrorReply::read),
  BYE(0x4E, ServerFrame.Bye::read),
  SERVER_PING(0x4F, ServerFrame.Ping::read),
  SERVER_PONG(0x50, ServerFrame.Pong::read);

  /** Every type is at version 1 in protocol 1; a new layout of a type bumps its own version. */
  static final int CURRENT_VERSION = 1;

  private static final Map<Integer, FrameType> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.code, Function.identity()));

  private final int code;
  private final Parser parser;

  FrameType(int code, Parser parser) {
    this.code = code;
    this.parser = parser;
  }

  public int code() {
    return code;
  }

  public int version() {
    return CURRENT_VERSION;
  }

  public boolean sentByClient() {
    return code < 0x40;
  }

  static Optional<FrameType> of(int code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }

  Frame parse(FrameReader r) throws MalformedFrameException {
    return parser.parse(r);
  }

  @FunctionalInterface
  interface Parser {
    Frame parse(FrameReader r) throws MalformedFrameException;
  }
}
