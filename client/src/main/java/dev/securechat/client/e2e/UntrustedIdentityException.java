package dev.securechat.client.e2e;

/** A peer's identity key changed; nothing is sent to them until the person accepts the new key. */
public final class UntrustedIdentityException extends RuntimeException {
  private final String peer;

  public UntrustedIdentityException(String peer) {
    super(
        peer
            + "'s identity key has changed. Check the safety number with "
            + peer
            + " and accept the new key before sending.");
    this.peer = peer;
  }

  public String peer() {
    return peer;
  }
}
