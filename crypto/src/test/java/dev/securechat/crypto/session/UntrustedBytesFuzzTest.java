package dev.securechat.crypto.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.group.ReceivedChains;
import dev.securechat.crypto.group.SenderChain;
import dev.securechat.crypto.group.SenderKeyDistribution;
import dev.securechat.crypto.group.SenderKeyMessage;
import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.keys.OneTimePreKey;
import dev.securechat.crypto.keys.PreKeys;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.primitives.Argon2id;
import dev.securechat.crypto.primitives.Ed25519;
import dev.securechat.crypto.primitives.Fernet;
import dev.securechat.crypto.primitives.MlKem768;
import dev.securechat.crypto.primitives.Rsa;
import dev.securechat.crypto.primitives.X25519;
import dev.securechat.crypto.store.RecordSeal;
import dev.securechat.crypto.store.StoreKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every parser of bytes that reach this module from outside (envelopes, bundles, initiations,
 * sender-key messages and distributions, Fernet tokens, keys) and of what it keeps on disk (sealed
 * records, the store header, serialized states) gets mutated valid inputs. A parser may accept or
 * throw {@link InvalidMessageException}, nothing else: no index, array-size or state error, no
 * OutOfMemoryError. The decrypting paths (an established session, a new initiation, a sender chain)
 * get a share of the cases too. {@code -Dsecurechat.fuzz.seed} and {@code -Dsecurechat.fuzz.cases}
 * replay or lengthen a run.
 */
class UntrustedBytesFuzzTest {
  private static final long SEED =
      Long.decode(System.getProperty("securechat.fuzz.seed", "0x5EC0C2F7"));
  private static final int CASES =
      Integer.parseInt(System.getProperty("securechat.fuzz.cases", "30000"));

  /** Something that reads untrusted bytes; it may only throw the module's one checked failure. */
  @FunctionalInterface
  interface Parser {
    void parse(byte[] input) throws InvalidMessageException;
  }

  /** A parser, the valid inputs its mutations start from, and its share of the cases. */
  record Target(String name, List<byte[]> seeds, int weight, Parser parser) {}

  private final Random random = new Random(SEED);
  private final ByteMutator mutator = new ByteMutator(random);
  private final Map<String, int[]> outcomes = new TreeMap<>();

  @Test
  void parsersAcceptOrThrowInvalidMessageExceptionOnly() throws Exception {
    List<Target> targets = targets();
    int totalWeight = targets.stream().mapToInt(Target::weight).sum();
    for (int i = 0; i < CASES; i++) {
      Target t = weighted(targets, random.nextInt(totalWeight));
      byte[] seed = t.seeds().get(random.nextInt(t.seeds().size()));
      byte[] input = mutator.mutate(seed, t.seeds().get(random.nextInt(t.seeds().size())));
      int[] counts = outcomes.computeIfAbsent(t.name(), n -> new int[2]);
      try {
        t.parser().parse(input);
        counts[0]++;
      } catch (InvalidMessageException refused) {
        counts[1]++;
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "%s: case %d of -Dsecurechat.fuzz.seed=0x%x -Dsecurechat.fuzz.cases=%d, input %s"
                .formatted(t.name(), i, SEED, CASES, HexFormat.of().formatHex(input)),
            e);
      }
    }
    // Every parser must have been reached and must have refused something; the cheap ones must
    // also have accepted some mutations (else the fuzzer only ever feeds garbage).
    assertThat(outcomes.keySet())
        .containsExactlyInAnyOrderElementsOf(targets.stream().map(Target::name).toList());
    assertThat(outcomes.values()).allSatisfy(c -> assertThat(c[1]).isPositive());
    assertThat(outcomes.get("pairwise message").length).isEqualTo(2);
    assertThat(outcomes.get("pairwise message")[0]).isPositive();
    assertThat(outcomes.get("sender-key message")[0]).isPositive();
  }

  private static Target weighted(List<Target> targets, int pick) {
    for (Target t : targets) {
      pick -= t.weight();
      if (pick < 0) {
        return t;
      }
    }
    throw new IllegalStateException("weights");
  }

  private List<Target> targets() throws Exception {
    Party alice = Party.of("alice");
    Party bob = Party.of("bob");
    alice.initiate(bob, true);
    byte[] initiation = alice.send(bob, "hello bob");
    PeerSession bobBefore = bob.session("alice");
    ResponderContext bobContext = bob.context("alice");
    bob.receive(alice, initiation);
    byte[] reply = bob.send(alice, "hello alice, a longer reply " + "x".repeat(40));
    byte[] second = bob.send(alice, "");
    PeerSession aliceSession = alice.session("bob");
    ResponderContext aliceContext = alice.context("bob");

    SenderChain chain = SenderChain.create(Party.RANDOM, alice.now);
    byte[] aliceIk = alice.identity.publicKey();
    byte[] broadcast = chain.encrypt(aliceIk, utf8("to everyone"), Party.RANDOM, alice.now);
    byte[] broadcast2 = chain.encrypt(aliceIk, utf8(""), Party.RANDOM, alice.now);
    SenderKeyDistribution distribution = chain.distribution();
    ReceivedChains carol = new ReceivedChains();
    carol.processDistribution("alice", aliceIk, distribution, alice.now);

    PublicBundle published = PublicBundle.of("bob", bob.identity, bob.preKeys, Party.RANDOM);
    byte[] bundle = published.keyBundleBytes();
    Optional<OneTimePreKey> opk = Optional.of(bob.preKeys.oneTimePublicKeys().getFirst());

    byte[] fernetKey = new byte[Fernet.KEY_BYTES];
    Party.RANDOM.nextBytes(fernetKey);
    byte[] token = Fernet.encrypt(fernetKey, utf8("a token"), Party.RANDOM, 1_700_000_000L);

    StoreKey.Created store =
        StoreKey.createForTestsOnly("pw".toCharArray(), new Argon2id.Cost(64, 1, 1), Party.RANDOM);
    RecordSeal seal = new RecordSeal(store.dataKey());
    byte[] sealed = seal.seal("session", "bob", aliceSession.serialize(), Party.RANDOM);

    Ed25519.KeyPair signer = Ed25519.generate(Party.RANDOM);
    byte[] signed = utf8("signed");
    byte[] signature = Ed25519.sign(signer.privateKey(), signed);

    List<Target> t = new ArrayList<>();
    t.add(
        new Target(
            "pairwise message", List.of(initiation, reply, second), 10, PairwiseMessage::parse));
    t.add(
        new Target(
            "decrypt on an established session",
            List.of(reply, second),
            6,
            in -> aliceSession.decrypt(in, aliceContext, Party.RANDOM, alice.now)));
    t.add(
        new Target(
            "decrypt of a new initiation",
            List.of(initiation),
            1,
            in -> bobBefore.decrypt(in, bobContext, Party.RANDOM, bob.now)));
    t.add(
        new Target(
            "sender-key message", List.of(broadcast, broadcast2), 10, SenderKeyMessage::parse));
    t.add(
        new Target(
            "sender-key decrypt",
            List.of(broadcast, broadcast2),
            4,
            in -> carol.copy().decrypt("alice", aliceIk, in, alice.now)));
    t.add(
        new Target(
            "sender-key distribution",
            List.of(distribution.serialize()),
            6,
            in ->
                carol
                    .copy()
                    .processDistribution(
                        "alice", aliceIk, SenderKeyDistribution.parse(in), alice.now)));
    t.add(
        new Target(
            "key bundle",
            List.of(bundle),
            6,
            in -> PublicBundle.parse("bob", bob.identity.publicKey(), in, opk)));
    t.add(
        new Target(
            "key bundle, verified",
            List.of(bundle),
            1,
            in ->
                PublicBundle.parse("bob", bob.identity.publicKey(), in, opk)
                    .verify("bob", bob.now)));
    t.add(
        new Target(
            "identity key in a bundle",
            List.of(bob.identity.publicKey()),
            3,
            in -> PublicBundle.parse("bob", in, bundle, Optional.empty())));
    t.add(new Target("Fernet token", List.of(token), 6, in -> Fernet.decrypt(fernetKey, in)));
    t.add(new Target("Fernet timestamp", List.of(token), 2, Fernet::timestamp));
    t.add(new Target("RSA public key", List.of(aliceIk), 2, Rsa::publicKey));
    t.add(
        new Target(
            "ML-KEM public key",
            List.of(published.kemPreKey().publicKey()),
            2,
            MlKem768::publicKey));
    t.add(
        new Target(
            "X25519 public key",
            List.of(published.signedPreKey().publicKey()),
            2,
            X25519::checkPublic));
    t.add(
        new Target(
            "Ed25519 signature",
            List.of(signature),
            2,
            in -> refuseIfFalse(Ed25519.verify(signer.publicKey(), signed, in))));
    t.add(
        new Target(
            "Ed25519 public key",
            List.of(signer.publicKey()),
            2,
            in -> refuseIfFalse(Ed25519.verify(in, signed, signature))));
    t.add(new Target("store header", List.of(store.header()), 3, StoreKey::costOf));
    t.add(new Target("sealed record", List.of(sealed), 3, in -> seal.open("session", "bob", in)));
    t.add(
        new Target(
            "stored peer session", List.of(aliceSession.serialize()), 4, PeerSession::parse));
    t.add(new Target("stored sender chain", List.of(chain.serialize()), 2, SenderChain::parse));
    t.add(
        new Target("stored received chains", List.of(carol.serialize()), 2, ReceivedChains::parse));
    t.add(
        new Target("stored identity", List.of(alice.identity.serialize()), 1, IdentityKeys::parse));
    t.add(new Target("stored prekeys", List.of(bob.preKeys.serialize()), 1, PreKeys::parse));
    return t;
  }

  /** A verifier answers false rather than throwing; counted as a refusal. */
  private static void refuseIfFalse(boolean verified) throws InvalidMessageException {
    if (!verified) {
      throw new InvalidMessageException("does not verify");
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
