package dev.securechat.bench.crypto;

import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.keys.PreKeys;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.session.ResponderContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * One user of the benchmark with the keys a registered client holds: an RSA-2048 identity key and a
 * prekey set (X25519, ML-KEM-768, RSA-2048) with 100 one-time prekeys, made as at registration.
 */
final class Party {
  final String name;
  final IdentityKeys identity;
  final PreKeys preKeys;

  private Party(String name, IdentityKeys identity, PreKeys preKeys) {
    this.name = name;
    this.identity = identity;
    this.preKeys = preKeys;
  }

  static Party register(String name, SecureRandom random, Instant now) {
    IdentityKeys identity = IdentityKeys.generate(random);
    return new Party(name, identity, PreKeys.generate(identity, random, now));
  }

  /** The 294-byte identity public key, as the server hands it out and as peers pin it. */
  byte[] identityKey() {
    return identity.publicKey();
  }

  /** The {@code keyBundle} this user would publish: fresh REG, current prekey set, no OPK. */
  byte[] keyBundle(SecureRandom random) {
    return PublicBundle.of(name, identity, preKeys, random).keyBundleBytes();
  }

  /**
   * What {@code PeerSession.decrypt} needs on this side; {@code pinnedPeer} empty for first contact
   * (trust on first use), as when a peer's first initiation arrives.
   */
  ResponderContext responder(Optional<byte[]> pinnedPeer) {
    return new ResponderContext(name, identity, preKeys, pinnedPeer);
  }
}
