package dev.securechat.client.net;

import java.security.cert.CertificateException;

/** The server presented a different key from the one pinned on first use. */
public final class ServerKeyChangedException extends CertificateException {
  private final String server;
  private final String pinned;
  private final String presented;

  public ServerKeyChangedException(String server, String pinned, String presented) {
    super(
        "The server at "
            + server
            + " presented a different key ("
            + presented
            + ") from the one pinned when you first connected ("
            + pinned
            + "). Either someone is intercepting the connection or the operator replaced the"
            + " server's key. Ask the operator for the fingerprint the server prints at start; if"
            + " it matches the new key, remove the old line for "
            + server
            + " from the known servers file.");
    this.server = server;
    this.pinned = pinned;
    this.presented = presented;
  }

  public String server() {
    return server;
  }

  public String pinned() {
    return pinned;
  }

  public String presented() {
    return presented;
  }
}
