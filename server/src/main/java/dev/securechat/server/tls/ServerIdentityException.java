package dev.securechat.server.tls;

/**
 * The server's certificate or key cannot be used: unreadable, not PEM, of an unsupported kind,
 * expired, or a key that does not belong to the certificate. The message names the file and says
 * what to do; it never contains key material.
 */
public final class ServerIdentityException extends Exception {
  private static final long serialVersionUID = 1L;

  public ServerIdentityException(String message) {
    super(message);
  }

  public ServerIdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
