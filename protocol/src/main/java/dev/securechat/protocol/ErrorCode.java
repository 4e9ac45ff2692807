package dev.securechat.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stable error codes carried by {@link ServerFrame.ErrorReply}, {@link ServerFrame.Rejected} and
 * {@link ServerFrame.Bye}. The numbers are a contract (docs/protocol.md): never renumber, only add.
 */
public enum ErrorCode {
  MALFORMED_FRAME(1, "the frame could not be parsed"),
  FRAME_TOO_LARGE(2, "the frame is larger than the server allows"),
  UNKNOWN_FRAME(3, "unknown frame type"),
  UNSUPPORTED_FRAME_VERSION(4, "unsupported version of a known frame type"),
  PROTOCOL_VERSION_MISMATCH(5, "client and server speak different protocol versions"),
  NOT_AUTHENTICATED(6, "log in first"),
  LOGIN_TIMEOUT(7, "the handshake and login did not finish in time"),
  ALREADY_AUTHENTICATED(8, "this connection is already logged in"),
  UNEXPECTED_FRAME(9, "this frame is not allowed here"),
  USERNAME_INVALID(20, "usernames are 3 to 32 characters of a-z, 0-9, '_', '.' and '-'"),
  USERNAME_TAKEN(21, "that username is taken"),
  IDENTITY_KEY_TAKEN(22, "that identity key belongs to another account"),
  AUTH_FAILED(23, "wrong username or password"),
  LOCKED_OUT(24, "too many failed logins; try again later"),
  TOKEN_INVALID(25, "the device token is not valid; log in with the password"),
  BAD_REQUEST(26, "the request is not valid"),
  UNKNOWN_USER(27, "no such user"),
  TOO_MANY_REQUESTS(28, "too many requests from this address; try again later"),
  UNKNOWN_RECIPIENT(40, "no such recipient"),
  SEQ_GAP(41, "a message is missing before this one"),
  SEQ_CONFLICT(42, "another message was already stored under this sequence number"),
  QUEUE_FULL(43, "the recipient's queue is full"),
  STORAGE_UNAVAILABLE(44, "the server cannot store messages right now"),
  SESSION_REPLACED(60, "this account logged in elsewhere"),
  SERVER_SHUTDOWN(61, "the server is shutting down"),
  IDLE_TIMEOUT(62, "the connection was idle for too long"),
  LOGGED_OUT(63, "logged out"),
  DISCONNECTED_BY_ADMIN(64, "an administrator closed this session"),
  TOO_MANY_CONNECTIONS(65, "too many connections from this address"),
  INTERNAL(99, "internal server error");

  private static final Map<Integer, ErrorCode> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(e -> e.code, Function.identity()));

  private final int code;
  private final String description;

  ErrorCode(int code, String description) {
    this.code = code;
    this.description = description;
  }

  public int code() {
    return code;
  }

  /** A plain-words description suitable for showing to a person. */
  public String description() {
    return description;
  }

  /** Unknown codes from a newer peer map to {@link #INTERNAL} rather than failing the parse. */
  public static ErrorCode of(int code) {
    return BY_CODE.getOrDefault(code, INTERNAL);
  }
}
