package dev.securechat.client.e2e;

import dev.securechat.client.state.IdentityPins;
import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.keys.VerifiedBundle;
import dev.securechat.crypto.session.DecryptResult;
import dev.securechat.crypto.session.EncryptResult;
import dev.securechat.crypto.session.PairwiseMessage;
import dev.securechat.crypto.session.PeerSession;
import dev.securechat.crypto.session.ResponderContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The Double Ratchet sessions with each peer. One lock per peer around load, ratchet and save
 * (conventions.md): the ratchet is not thread-safe, and a key must never be used twice. No network
 * call happens under a lock, since deliveries take the same lock on the network thread.
 */
final class PairwiseSessions {
  static final String KIND = "session";

  private final KeyVault vault;
  private final IdentityPins pins;
  private final SecureRandom random;
  private final Clock clock;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, PeerSession> cache = new ConcurrentHashMap<>();

  PairwiseSessions(KeyVault vault, IdentityPins pins, SecureRandom random, Clock clock) {
    this.vault = vault;
    this.pins = pins;
    this.random = random;
    this.clock = clock;
  }

  /** Runs {@code work} holding {@code peer}'s lock. */
  <T> T locked(String peer, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(peer, p -> new ReentrantLock());
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  boolean canSend(String peer) {
    return locked(peer, () -> load(peer).canSend());
  }

  /**
   * Checks a fetched bundle: every signature, the name it was asked for, and the pinned key.
   *
   * @throws UntrustedIdentityException when the key differs from the one pinned for the name
   */
  VerifiedBundle verify(String peer, PublicBundle bundle) throws InvalidMessageException {
    VerifiedBundle verified = bundle.verify(peer, clock.instant());
    Optional<String> owner = pins.nameOf(bundle.identityKey());
    if (owner.isPresent() && !owner.get().equals(peer)) {
      // One identity key, one name (crypto.md): someone re-registered another's key.
      throw new InvalidMessageException("identity key belongs to " + owner.get());
    }
    if (pins.check(peer, bundle.identityKey()) == IdentityPins.Check.CHANGED) {
      throw new UntrustedIdentityException(peer);
    }
    return verified;
  }

  /**
   * Encrypts under the peer's lock, initiating from {@code bundle} when there is no session yet.
   * The caller must save the returned session (with {@link #save}) in the transaction that also
   * commits the envelope to the outbox, and only then release the lock.
   */
  EncryptResult encrypt(String peer, byte[] plaintext, Optional<VerifiedBundle> bundle)
      throws InvalidMessageException {
    if (pins.pin(peer).map(IdentityPins.Pin::blocked).orElse(false)) {
      throw new UntrustedIdentityException(peer);
    }
    PeerSession session = load(peer);
    if (!session.canSend()) {
      if (bundle.isEmpty()) {
        throw new IllegalStateException("no session with " + peer + " and no bundle to start one");
      }
      session = session.initiate(vault.username(), vault.identity(), bundle.get(), random);
    }
    return session.encrypt(plaintext, random, clock.instant());
  }

  /** Decrypts on a copy; returns the result to commit. Throws one failure for every problem. */
  DecryptResult decrypt(String peer, byte[] message) throws InvalidMessageException {
    Optional<IdentityPins.Pin> pin = pins.pin(peer);
    // Only an initiation reads the prekeys; copying them for every message cost more than the
    // decryption itself (docs/benchmarks.md), so the copy is made only when one is attached.
    boolean initiation = carriesInitiation(message);
    ResponderContext ctx =
        new ResponderContext(
            vault.username(),
            vault.identity(),
            initiation ? vault.preKeys() : null,
            pin.map(IdentityPins.Pin::identityKey));
    try {
      return load(peer).decrypt(message, ctx, random, clock.instant());
    } catch (InvalidMessageException e) {
      noticeChangedKey(peer, message, pin);
      throw e;
    }
  }

  private static boolean carriesInitiation(byte[] message) {
    try {
      return PairwiseMessage.parse(message).initiation().isPresent();
    } catch (InvalidMessageException malformed) {
      // decrypt() rejects it with the one uniform failure.
      return false;
    }
  }

  /** An initiation under a different identity key than the pinned one: announce it loudly. */
  private void noticeChangedKey(String peer, byte[] message, Optional<IdentityPins.Pin> pin) {
    if (pin.isEmpty()) {
      return;
    }
    try {
      PairwiseMessage.parse(message)
          .initiation()
          .filter(i -> i.initiator().equals(peer))
          .ifPresent(i -> pins.check(peer, i.identityKey()));
    } catch (InvalidMessageException unparseable) {
      // Not even well formed: nothing to learn from it.
    }
  }

  boolean blocked(String peer) {
    return pins.pin(peer).map(IdentityPins.Pin::blocked).orElse(false);
  }

  /** Saves a new session state; call inside a transaction, holding the peer's lock. */
  void save(String peer, PeerSession session) {
    vault.secrets().put(KIND, peer, session.serialize());
    cache.put(peer, session);
  }

  /** Forgets the cached state of {@code peer}; the saved one is read again on next use. */
  void evict(String peer) {
    cache.remove(peer);
  }

  /** Drops a session after the person accepted a changed key: the next message initiates anew. */
  void forget(String peer) {
    locked(
        peer,
        () -> {
          vault.secrets().delete(KIND, peer);
          cache.remove(peer);
          return null;
        });
  }

  private PeerSession load(String peer) {
    return cache.computeIfAbsent(
        peer,
        p -> {
          Optional<byte[]> stored = vault.secrets().get(KIND, p);
          if (stored.isEmpty()) {
            return PeerSession.empty(p);
          }
          try {
            return PeerSession.parse(stored.get());
          } catch (InvalidMessageException e) {
            throw new IllegalStateException("the saved session with " + p + " is damaged", e);
          }
        });
  }
}
