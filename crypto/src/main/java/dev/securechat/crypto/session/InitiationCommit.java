package dev.securechat.crypto.session;

import dev.securechat.crypto.keys.PreKeys;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the client commits, in the same transaction as the new {@link PeerSession}, once the first
 * message of a new initiation decrypted (crypto.md "Session setup"): record {@code SHA-256(EK_A)}
 * under the SPK, delete the one-time prekey, and pin the identity key on first use.
 */
public record InitiationCommit(
    int signedPreKeyId,
    byte[] ephemeralKeyHash,
    OptionalInt oneTimePreKeyId,
    Optional<byte[]> identityKeyToPin) {

  /** Applies the prekey half of the commit; pinning is the trust store's job. */
  public void applyTo(PreKeys preKeys) {
    preKeys.recordInitiation(signedPreKeyId, ephemeralKeyHash, oneTimePreKeyId);
  }

  @Override
  public String toString() {
    return "InitiationCommit[spk="
        + Integer.toUnsignedString(signedPreKeyId)
        + ", pin="
        + identityKeyToPin.isPresent()
        + "]";
  }
}
