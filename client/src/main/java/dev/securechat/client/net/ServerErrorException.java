package dev.securechat.client.net;

import dev.securechat.protocol.ErrorCode;
import java.time.Duration;

/** The server refused a request; {@code code} is the stable wire code. */
public final class ServerErrorException extends RuntimeException {
  private final ErrorCode code;
  private final Duration retryAfter;

  public ServerErrorException(ErrorCode code, String message, Duration retryAfter) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
