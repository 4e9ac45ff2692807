package dev.securechat.crypto.group;

/** What became of a received broadcast. Failures are an {@code InvalidMessageException}. */
public sealed interface ReceiveResult {
  String sender();

  /** Unsigned u32 carried in an int. */
  int chainId();

  long iteration();

  /** Authenticated and decrypted; the caller shows {@code payload} only after storing the state. */
  record Decrypted(String sender, int chainId, long iteration, byte[] payload)
      implements ReceiveResult {
    @Override
    public String toString() {
      return "Decrypted[sender="
          + sender
          + ", chainId="
          + Integer.toUnsignedString(chainId)
          + ", iteration="
          + iteration
          + ", payload hidden]";
    }
  }

  /**
   * Kept unverified until the sender's distribution message for {@code chainId} arrives; {@link
   * ReceivedChains#processDistribution} then releases it.
   */
  record Held(String sender, int chainId, long iteration) implements ReceiveResult {}
}
