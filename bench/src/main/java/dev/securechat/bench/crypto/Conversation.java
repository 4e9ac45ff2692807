package dev.securechat.bench.crypto;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.OneTimePreKey;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.session.DecryptResult;
import dev.securechat.crypto.session.EncryptResult;
import dev.securechat.crypto.session.PeerSession;
import dev.securechat.crypto.session.ResponderContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A pairwise session between alice and bob, each side's {@link PeerSession} kept in memory as the
 * client's cache does. Made by a real session setup (bundle with a one-time prekey, first message
 * decrypted by bob); {@link #established} also has bob answer once, so that alice stops attaching
 * the initiation, as in any conversation after the first reply.
 */
final class Conversation {
  final Party alice;
  final Party bob;
  final ResponderContext aliceContext;
  final ResponderContext bobContext;
  PeerSession aliceSession;
  PeerSession bobSession;

  private Conversation(Party alice, Party bob) {
    this.alice = alice;
    this.bob = bob;
    // Each has pinned the other's key by now (bob pinned alice's with the first message).
    this.aliceContext = alice.responder(Optional.of(bob.identityKey()));
    this.bobContext = bob.responder(Optional.of(alice.identityKey()));
  }

  /** Alice has initiated and bob has read her first message; bob has not answered. */
  static Conversation firstFlight(Party alice, Party bob, SecureRandom random)
      throws InvalidMessageException {
    Conversation c = new Conversation(alice, bob);
    Instant now = Instant.now();
    if (bob.preKeys.oneTimePreKeyCount() == 0) {
      bob.preKeys.generateOneTimePreKeys(1, random);
    }
    OneTimePreKey opk = bob.preKeys.oneTimePublicKeys().getFirst();
    PeerSession a =
        PeerSession.empty(bob.name)
            .initiate(
                alice.name,
                alice.identity,
                PublicBundle.parse(
                        bob.name, bob.identityKey(), bob.keyBundle(random), Optional.of(opk))
                    .verify(bob.name, now),
                random);
    byte[] hello = "hello bob".getBytes(StandardCharsets.UTF_8);
    EncryptResult first = a.encrypt(hello, random, now);
    DecryptResult read =
        PeerSession.empty(alice.name)
            .decrypt(first.message(), bob.responder(Optional.empty()), random, now);
    read.commit().orElseThrow().applyTo(bob.preKeys);
    check(hello, read.plaintext());
    c.aliceSession = first.session();
    c.bobSession = read.session();
    return c;
  }

  /** As {@link #firstFlight}, then bob answers once and alice reads it. */
  static Conversation established(Party alice, Party bob, SecureRandom random)
      throws InvalidMessageException {
    Conversation c = firstFlight(alice, bob, random);
    Instant now = Instant.now();
    byte[] reply = "hello alice".getBytes(StandardCharsets.UTF_8);
    EncryptResult answer = c.bobSession.encrypt(reply, random, now);
    DecryptResult read = c.aliceSession.decrypt(answer.message(), c.aliceContext, random, now);
    check(reply, read.plaintext());
    c.bobSession = answer.session();
    c.aliceSession = read.session();
    return c;
  }

  static void check(byte[] sent, byte[] received) {
    if (!Arrays.equals(sent, received)) {
      throw new IllegalStateException("the message read is not the one sent");
    }
  }
}
