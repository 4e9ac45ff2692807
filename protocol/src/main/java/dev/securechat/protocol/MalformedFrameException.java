package dev.securechat.protocol;

/** A frame that cannot be parsed; the connection that sent it is closed with an error code. */
public final class MalformedFrameException extends Exception {
  private final ErrorCode code;

  public MalformedFrameException(ErrorCode code, String detail) {
    super(detail);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
