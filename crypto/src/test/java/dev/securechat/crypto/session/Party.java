package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.keys.OneTimePreKey;
import dev.securechat.crypto.keys.PreKeys;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.keys.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A test client: its keys, its sessions and pins, the one-time prekeys "the server" still holds for
 * it, and a clock. Mirrors what the real client does around the crypto API (load, call, save
 * everything the result says), without a database.
 */
final class Party {
  static final SecureRandom RANDOM = TestKeys.RANDOM;

  final String name;
  final IdentityKeys identity;
  final PreKeys preKeys;
  final Deque<OneTimePreKey> serverOneTimePreKeys;
  final Map<String, PeerSession> sessions = new HashMap<>();
  final Map<String, byte[]> pinned = new HashMap<>();
  Instant now = TestKeys.T0.plus(Duration.ofMinutes(1));

  private Party(String name) {
    TestKeys.Stored stored = TestKeys.user(name);
    this.name = name;
    this.identity = stored.identityKeys();
    this.preKeys = stored.preKeysCopy();
    this.serverOneTimePreKeys = new ArrayDeque<>(preKeys.oneTimePublicKeys());
  }

  /** A fresh client for a cached user: same keys, no sessions. */
  static Party of(String name) {
    return new Party(name);
  }

  /** What the server returns for a FetchBundle of this user, handing out one OPK at most once. */
  PublicBundle fetchedBundle(boolean withOneTimePreKey) throws InvalidMessageException {
    PublicBundle published = PublicBundle.of(name, identity, preKeys, RANDOM);
    Optional<OneTimePreKey> opk =
        withOneTimePreKey
            ? Optional.ofNullable(serverOneTimePreKeys.pollFirst())
            : Optional.empty();
    return PublicBundle.parse(name, identity.publicKey(), published.keyBundleBytes(), opk);
  }

  void initiate(Party peer, boolean withOneTimePreKey) throws InvalidMessageException {
    var verified = peer.fetchedBundle(withOneTimePreKey).verify(peer.name, now);
    pinned.put(peer.name, verified.bundle().identityKey());
    sessions.put(peer.name, session(peer.name).initiate(name, identity, verified, RANDOM));
  }

  PeerSession session(String peer) {
    return sessions.getOrDefault(peer, PeerSession.empty(peer));
  }

  byte[] send(Party peer, String text) {
    EncryptResult r =
        session(peer.name).encrypt(text.getBytes(StandardCharsets.UTF_8), RANDOM, now);
    sessions.put(peer.name, r.session());
    return r.message();
  }

  ResponderContext context(String from) {
    return new ResponderContext(name, identity, preKeys, Optional.ofNullable(pinned.get(from)));
  }

  /** Decrypts and, only on success, saves the session and applies the commit. */
  String receive(Party from, byte[] message) throws InvalidMessageException {
    DecryptResult r = session(from.name).decrypt(message, context(from.name), RANDOM, now);
    sessions.put(from.name, r.session());
    r.commit()
        .ifPresent(
            c -> {
              c.applyTo(preKeys);
              c.identityKeyToPin().ifPresent(ik -> pinned.put(from.name, ik));
            });
    return new String(r.plaintext(), StandardCharsets.UTF_8);
  }

  void advance(Duration d) {
    now = now.plus(d);
  }
}
