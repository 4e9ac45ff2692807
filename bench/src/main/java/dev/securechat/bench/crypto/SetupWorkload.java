package dev.securechat.bench.crypto;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.OneTimePreKey;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.keys.VerifiedBundle;
import dev.securechat.crypto.session.DecryptResult;
import dev.securechat.crypto.session.EncryptResult;
import dev.securechat.crypto.session.PeerSession;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Session setup, both sides, as two clients do it on first contact. Alice parses and verifies the
 * bundle the server returned for bob (REG and three prekey signatures: four RSA-PSS verifications,
 * the RSA and ML-KEM key imports), with one of bob's one-time prekeys as the server hands out;
 * initiates (X25519 twice, ML-KEM-768 encapsulation, RSA-OAEP encryption, an RSA-PSS signature) and
 * encrypts a first message. Bob decrypts it as a new initiation (RSA-PSS verification of SIG_A,
 * X25519 twice, ML-KEM decapsulation, RSA-OAEP decryption, the first ratchet step) and applies the
 * {@code InitiationCommit} to his prekeys (seen set, one-time prekey deleted).
 *
 * <p>Not timed: topping up bob's one-time prekeys between iterations, which a client does on the
 * server's request, not per session.
 */
final class SetupWorkload implements Workload {
  private static final int ALICE_VERIFY = 0;
  private static final int ALICE_INITIATE = 1;
  private static final int BOB_RESPOND = 2;

  private final Party alice;
  private final Party bob;
  private final int setups;
  private final byte[] payload;
  private final SecureRandom random;
  private final byte[] bobIdentityKey;
  private final byte[] bobKeyBundle;
  private int firstMessageBytes;

  SetupWorkload(Party alice, Party bob, int setups, byte[] payload, SecureRandom random) {
    this.alice = alice;
    this.bob = bob;
    this.setups = setups;
    this.payload = payload;
    this.random = random;
    this.bobIdentityKey = bob.identityKey();
    this.bobKeyBundle = bob.keyBundle(random);
  }

  @Override
  public String key() {
    return "setup";
  }

  @Override
  public String title() {
    return "Session setup: alice verifies bob's bundle, initiates, encrypts; bob decrypts";
  }

  @Override
  public List<String> phases() {
    return List.of(
        "alice: parse + verify bundle",
        "alice: initiate + encrypt first message",
        "bob: decrypt first message + apply commit");
  }

  @Override
  public List<View> views() {
    return List.of(
        View.of(
            "session setups, both sides", "setups/s", ALICE_VERIFY, ALICE_INITIATE, BOB_RESPOND),
        View.of("alice: verify bundle", "bundles/s", ALICE_VERIFY),
        View.of("alice: initiate + encrypt", "initiations/s", ALICE_INITIATE),
        View.of("alice: all of her side", "setups/s", ALICE_VERIFY, ALICE_INITIATE),
        View.of("bob: respond (decrypt first message)", "setups/s", BOB_RESPOND));
  }

  @Override
  public long opsPerIteration() {
    return setups;
  }

  @Override
  public void iterate(long[] nanos) throws InvalidMessageException {
    if (bob.preKeys.oneTimePreKeyCount() < setups) {
      bob.preKeys.generateOneTimePreKeys(setups, random);
    }
    List<OneTimePreKey> oneTime = bob.preKeys.oneTimePublicKeys().subList(0, setups);
    for (OneTimePreKey opk : oneTime) {
      Instant now = Instant.now();
      long t0 = System.nanoTime();
      VerifiedBundle verified =
          PublicBundle.parse(bob.name, bobIdentityKey, bobKeyBundle, Optional.of(opk))
              .verify(bob.name, now);
      long t1 = System.nanoTime();
      EncryptResult sent =
          PeerSession.empty(bob.name)
              .initiate(alice.name, alice.identity, verified, random)
              .encrypt(payload, random, now);
      long t2 = System.nanoTime();
      DecryptResult received =
          PeerSession.empty(alice.name)
              .decrypt(sent.message(), bob.responder(Optional.empty()), random, now);
      received.commit().orElseThrow().applyTo(bob.preKeys);
      long t3 = System.nanoTime();
      nanos[ALICE_VERIFY] += t1 - t0;
      nanos[ALICE_INITIATE] += t2 - t1;
      nanos[BOB_RESPOND] += t3 - t2;
      if (!Arrays.equals(received.plaintext(), payload)) {
        throw new IllegalStateException("bob read something else than alice sent");
      }
      firstMessageBytes = sent.message().length;
    }
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("keyBundleBytes", bobKeyBundle.length);
    facts.put("firstMessageBytes", firstMessageBytes);
    facts.put("oneTimePreKey", true);
    return facts;
  }
}
