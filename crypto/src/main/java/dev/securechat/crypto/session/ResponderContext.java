package dev.securechat.crypto.session;

import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.keys.PreKeys;
import java.util.Optional;

/**
 * What the responder side of session setup needs from the client: its own name and keys (read,
 * never changed) and the identity key pinned for the envelope's sender, empty when none is pinned
 * yet (trust on first use: the {@link InitiationCommit} then carries the key to pin). The prekeys
 * are read only for a message that carries an initiation, so a caller may pass {@code null} for one
 * that does not and skip copying them.
 */
public record ResponderContext(
    String ownUsername,
    IdentityKeys ownIdentity,
    PreKeys ownPreKeys,
    Optional<byte[]> pinnedPeerIdentityKey) {

  @Override
  public String toString() {
    return "ResponderContext[" + ownUsername + "]";
  }
}
