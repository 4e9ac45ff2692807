package dev.securechat.client.net;

import java.io.IOException;

/** The connection closed before the server answered. */
public final class ConnectionLostException extends IOException {
  public ConnectionLostException(String message) {
    super(message);
  }
}
