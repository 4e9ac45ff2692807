package dev.securechat.crypto.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.PreKeys;
import dev.securechat.crypto.primitives.Hashes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two users who never talked: session setup while the recipient is offline (crypto.md). */
class FirstContactTest {
  private final Party alice = Party.of("alice");
  private final Party bob = Party.of("bob");

  @ParameterizedTest(name = "with one-time prekey: {0}")
  @ValueSource(booleans = {true, false})
  void aliceWritesWhileBobIsOfflineThenTheyTalk(boolean withOneTimePreKey) throws Exception {
    int opkCountBefore = bob.preKeys.oneTimePreKeyCount();
    alice.initiate(bob, withOneTimePreKey);
    // Bob is offline: the three messages queue up on the server.
    List<byte[]> queued = new ArrayList<>();
    for (String text : List.of("hi bob", "are you there?", "call me")) {
      queued.add(alice.send(bob, text));
    }
    for (byte[] m : queued) {
      assertThat(PairwiseMessage.parse(m).initiation()).isPresent();
    }

    DecryptResult first =
        bob.session("alice").decrypt(queued.get(0), bob.context("alice"), Party.RANDOM, bob.now);
    assertThat(first.commit()).isPresent();
    InitiationCommit commit = first.commit().get();
    assertThat(commit.identityKeyToPin()).contains(alice.identity.publicKey());
    assertThat(commit.oneTimePreKeyId().isPresent()).isEqualTo(withOneTimePreKey);
    Initiation in = PairwiseMessage.parse(queued.get(0)).initiation().orElseThrow();
    assertThat(commit.ephemeralKeyHash()).isEqualTo(Hashes.sha256(in.ephemeralKey()));
    // Nothing was changed before the commit is applied.
    assertThat(bob.preKeys.oneTimePreKeyCount()).isEqualTo(opkCountBefore);
    assertThat(bob.preKeys.seen(commit.signedPreKeyId(), commit.ephemeralKeyHash())).isFalse();

    assertThat(bob.receive(alice, queued.get(0))).isEqualTo("hi bob");
    assertThat(bob.preKeys.oneTimePreKeyCount())
        .isEqualTo(withOneTimePreKey ? opkCountBefore - 1 : opkCountBefore);
    assertThat(bob.preKeys.seen(commit.signedPreKeyId(), commit.ephemeralKeyHash())).isTrue();
    assertThat(bob.pinned.get("alice")).isEqualTo(alice.identity.publicKey());

    DecryptResult second =
        bob.session("alice").decrypt(queued.get(1), bob.context("alice"), Party.RANDOM, bob.now);
    assertThat(second.commit()).isEmpty();
    assertThat(bob.receive(alice, queued.get(1))).isEqualTo("are you there?");
    assertThat(bob.receive(alice, queued.get(2))).isEqualTo("call me");

    byte[] reply = bob.send(alice, "here!");
    assertThat(PairwiseMessage.parse(reply).initiation()).isEmpty();
    assertThat(alice.receive(bob, reply)).isEqualTo("here!");

    byte[] next = alice.send(bob, "great");
    assertThat(PairwiseMessage.parse(next).initiation()).isEmpty();
    assertThat(bob.receive(alice, next)).isEqualTo("great");
    assertThat(alice.receive(bob, bob.send(alice, "bye"))).isEqualTo("bye");
  }

  @Test
  void aPinnedKeyThatDiffersIsRefused() throws Exception {
    alice.initiate(bob, true);
    byte[] m = alice.send(bob, "hi");
    bob.pinned.put("alice", Party.of("carol").identity.publicKey());
    assertThatThrownBy(() -> bob.receive(alice, m)).isInstanceOf(InvalidMessageException.class);
    bob.pinned.put("alice", alice.identity.publicKey());
    DecryptResult r = bob.session("alice").decrypt(m, bob.context("alice"), Party.RANDOM, bob.now);
    assertThat(r.commit().orElseThrow().identityKeyToPin()).isEmpty();
  }

  @Test
  void anInitiationFromSomeoneOtherThanTheEnvelopeSenderIsRefused() throws Exception {
    Party carol = Party.of("carol");
    alice.initiate(bob, true);
    byte[] m = alice.send(bob, "hi");
    // The server delivers Alice's message as if Carol had sent it.
    assertThatThrownBy(() -> bob.receive(carol, m)).isInstanceOf(InvalidMessageException.class);
    assertThat(bob.receive(alice, m)).isEqualTo("hi");
  }

  @Test
  void aReplayedInitiationIsRefusedEvenAfterTheSessionIsGone() throws Exception {
    alice.initiate(bob, false);
    byte[] m = alice.send(bob, "hi");
    assertThat(bob.receive(alice, m)).isEqualTo("hi");
    // Same session: the message key is gone.
    assertThatThrownBy(() -> bob.receive(alice, m)).isInstanceOf(InvalidMessageException.class);
    // Session lost (or evicted): the SPK's seen set still knows EK_A.
    bob.sessions.remove("alice");
    assertThatThrownBy(() -> bob.receive(alice, m)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void anInitiationNamingAnUnknownOneTimePreKeyIsRefused() throws Exception {
    alice.initiate(bob, true);
    byte[] m = alice.send(bob, "hi");
    int opk = PairwiseMessage.parse(m).initiation().orElseThrow().oneTimePreKeyId().getAsInt();
    bob.preKeys.recordInitiation(1, new byte[32], java.util.OptionalInt.of(opk));
    assertThatThrownBy(() -> bob.receive(alice, m)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void aLateInitiationFromTheReplacedBundleStillWorksUntilTheSetIsDeleted() throws Exception {
    Party bobBeforeRotation = Party.of("bob");
    Party carol = Party.of("carol");
    alice.initiate(bob, true);
    carol.initiate(bobBeforeRotation, false);
    byte[] fromAlice = alice.send(bob, "sent before Bob rotated");
    byte[] fromCarol = carol.send(bob, "sent long before Bob rotated");

    bob.advance(Duration.ofDays(8));
    assertThat(bob.preKeys.rotateIfDue(bob.identity, Party.RANDOM, bob.now)).isTrue();
    assertThat(bob.receive(alice, fromAlice)).isEqualTo("sent before Bob rotated");

    // 30 days after its replacement, set 1 is deleted: Carol's initiation names an unknown SPK.
    bob.advance(PreKeys.RETENTION);
    bob.preKeys.rotateIfDue(bob.identity, Party.RANDOM, bob.now);
    assertThat(bob.preKeys.set(1)).isEmpty();
    assertThatThrownBy(() -> bob.receive(carol, fromCarol))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void everyFailureIsTheSameException() throws Exception {
    alice.initiate(bob, true);
    byte[] m = alice.send(bob, "hi");
    byte[] badToken = m.clone();
    badToken[badToken.length - 1] ^= 1;
    byte[] badSignature = m.clone();
    badSignature[2 + 6 + 294 + 12 + 5 + 32 + 1088 + 256 + 10] ^= 1;
    bob.pinned.put("alice", alice.identity.publicKey());
    List<String> messages = new ArrayList<>();
    for (byte[] bad : new byte[][] {badToken, badSignature, {1}, new byte[0]}) {
      try {
        bob.receive(alice, bad);
      } catch (InvalidMessageException e) {
        messages.add(e.getMessage() + "|" + Optional.ofNullable(e.getCause()));
      }
    }
    assertThat(messages).hasSize(4).containsOnly("invalid message|Optional.empty");
  }
}
