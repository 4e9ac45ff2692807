package dev.securechat.crypto.session;

import static dev.securechat.crypto.session.Conversations.burst;
import static dev.securechat.crypto.session.Conversations.establish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Double Ratchet through PeerSession: ordering, MAX_SKIP, replay, forward secrecy. */
class RatchetTest {
  private final Party alice = Party.of("alice");
  private final Party bob = Party.of("bob");

  @Test
  void outOfOrderDeliveryAcrossRatchetSteps() throws Exception {
    establish(alice, bob);
    List<byte[]> a = burst(alice, bob, 5);
    for (int i : new int[] {3, 0, 4}) {
      assertThat(bob.receive(alice, a.get(i))).isEqualTo("m" + i);
    }
    List<byte[]> b = burst(bob, alice, 3);
    assertThat(alice.receive(bob, b.get(2))).isEqualTo("m2");
    List<byte[]> a2 = burst(alice, bob, 2);
    // Messages of Alice's old chain arrive after her new chain's.
    assertThat(bob.receive(alice, a2.get(1))).isEqualTo("m1");
    assertThat(bob.receive(alice, a.get(2))).isEqualTo("m2");
    assertThat(bob.receive(alice, a2.get(0))).isEqualTo("m0");
    assertThat(bob.receive(alice, a.get(1))).isEqualTo("m1");
    assertThat(alice.receive(bob, b.get(0))).isEqualTo("m0");
    assertThat(alice.receive(bob, b.get(1))).isEqualTo("m1");
  }

  @Test
  void outOfOrderBeforeBobHasTheSession() throws Exception {
    alice.initiate(bob, true);
    List<byte[]> a = burst(alice, bob, 4);
    assertThat(bob.receive(alice, a.get(2))).isEqualTo("m2");
    assertThat(bob.receive(alice, a.get(0))).isEqualTo("m0");
    assertThat(bob.receive(alice, a.get(3))).isEqualTo("m3");
    assertThat(bob.receive(alice, a.get(1))).isEqualTo("m1");
  }

  @Test
  void aThousandSkippedMessagesAllDecrypt() throws Exception {
    establish(alice, bob);
    List<byte[]> a = burst(alice, bob, DoubleRatchet.MAX_SKIP + 1);
    assertThat(bob.receive(alice, a.getLast())).isEqualTo("m1000");
    for (int i = 0; i < DoubleRatchet.MAX_SKIP; i++) {
      assertThat(bob.receive(alice, a.get(i))).isEqualTo("m" + i);
    }
  }

  @Test
  void oneMessagePastMaxSkipIsRejectedAndTheSessionStillWorks() throws Exception {
    establish(alice, bob);
    List<byte[]> a = burst(alice, bob, DoubleRatchet.MAX_SKIP + 2);
    PeerSession before = bob.session("alice");
    assertThatThrownBy(() -> bob.receive(alice, a.getLast()))
        .isInstanceOf(InvalidMessageException.class);
    assertThat(bob.session("alice").serialize()).isEqualTo(before.serialize());
    assertThat(bob.receive(alice, a.get(0))).isEqualTo("m0");
    assertThat(bob.receive(alice, a.getLast())).isEqualTo("m1001");
    assertThat(alice.receive(bob, bob.send(alice, "still here"))).isEqualTo("still here");
  }

  @Test
  void theFirstMessageOfAnInitiationObeysMaxSkipToo() throws Exception {
    alice.initiate(bob, false);
    List<byte[]> a = burst(alice, bob, DoubleRatchet.MAX_SKIP + 2);
    assertThatThrownBy(() -> bob.receive(alice, a.getLast()))
        .isInstanceOf(InvalidMessageException.class);
    assertThat(bob.receive(alice, a.get(DoubleRatchet.MAX_SKIP))).isEqualTo("m1000");
  }

  @Test
  void previousChainLengthIsBoundedByMaxSkip() throws Exception {
    establish(alice, bob);
    // Bob's chain already holds "hello back" (N = 0); 1,002 more follow (N = 1 to 1,002). Alice
    // reads only the first of them, then Bob moves to a new chain.
    List<byte[]> chain = burst(bob, alice, DoubleRatchet.MAX_SKIP + 2);
    assertThat(alice.receive(bob, chain.get(0))).isEqualTo("m0");
    assertThat(bob.receive(alice, alice.send(bob, "turn"))).isEqualTo("turn");
    byte[] newChain = bob.send(alice, "new chain");
    // PN = 1,003, Nr = 2: 1,001 keys to skip on the old chain, one too many.
    assertThat(PairwiseMessage.parse(newChain).header().previousChainLength()).isEqualTo(1003);
    assertThatThrownBy(() -> alice.receive(bob, newChain))
        .isInstanceOf(InvalidMessageException.class);
    // With one more of the old chain read, PN - Nr = 1,000: accepted.
    assertThat(alice.receive(bob, chain.get(1))).isEqualTo("m1");
    assertThat(alice.receive(bob, newChain)).isEqualTo("new chain");
    assertThat(alice.receive(bob, chain.getLast())).isEqualTo("m1001");
  }

  @Test
  void aReplayedMessageIsRejected() throws Exception {
    establish(alice, bob);
    byte[] m = alice.send(bob, "once");
    assertThat(bob.receive(alice, m)).isEqualTo("once");
    assertThatThrownBy(() -> bob.receive(alice, m)).isInstanceOf(InvalidMessageException.class);
    // A replay of a message that was read from the skipped keys, too.
    List<byte[]> a = burst(alice, bob, 3);
    assertThat(bob.receive(alice, a.get(2))).isEqualTo("m2");
    assertThat(bob.receive(alice, a.get(0))).isEqualTo("m0");
    assertThatThrownBy(() -> bob.receive(alice, a.get(0)))
        .isInstanceOf(InvalidMessageException.class);
    assertThat(bob.receive(alice, a.get(1))).isEqualTo("m1");
  }

  @Test
  void theSavedStateCannotDecryptAMessageAlreadyRead() throws Exception {
    establish(alice, bob);
    List<byte[]> a = burst(alice, bob, 3);
    bob.receive(alice, a.get(2));
    bob.receive(alice, a.get(0));
    byte[] saved = bob.session("alice").serialize();
    PeerSession restored = PeerSession.parse(saved);
    for (byte[] read : List.of(a.get(0), a.get(2))) {
      assertThatThrownBy(() -> restored.decrypt(read, bob.context("alice"), Party.RANDOM, bob.now))
          .isInstanceOf(InvalidMessageException.class);
    }
    // The one unread message still decrypts from the saved state.
    assertThat(restored.decrypt(a.get(1), bob.context("alice"), Party.RANDOM, bob.now).plaintext())
        .isEqualTo("m1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void skippedKeysExpireAfterSevenDays() throws Exception {
    establish(alice, bob);
    List<byte[]> a = burst(alice, bob, 3);
    bob.receive(alice, a.get(2));
    bob.advance(DoubleRatchet.SKIPPED_KEY_LIFETIME.minusSeconds(1));
    assertThat(bob.receive(alice, a.get(0))).isEqualTo("m0");
    bob.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> bob.receive(alice, a.get(1)))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void atMostTwoThousandSkippedKeysAreKeptOldestEvictedFirst() throws Exception {
    establish(alice, bob);
    List<byte[]> first = burst(alice, bob, 1001);
    bob.receive(alice, first.getLast()); // 1,000 skipped
    bob.receive(alice, alice.send(bob, "x")); // Alice's chain continues: nothing skipped
    assertThat(alice.receive(bob, bob.send(alice, "turn"))).isEqualTo("turn");
    List<byte[]> second = burst(alice, bob, 1001);
    bob.receive(alice, second.getLast()); // 1,000 more: 2,000 kept
    assertThat(alice.receive(bob, bob.send(alice, "turn 2"))).isEqualTo("turn 2");
    List<byte[]> third = burst(alice, bob, 3);
    bob.receive(alice, third.get(2)); // 2 more: the 2 oldest go
    assertThatThrownBy(() -> bob.receive(alice, first.get(0)))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> bob.receive(alice, first.get(1)))
        .isInstanceOf(InvalidMessageException.class);
    assertThat(bob.receive(alice, first.get(2))).isEqualTo("m2");
    assertThat(bob.receive(alice, second.get(0))).isEqualTo("m0");
    assertThat(bob.receive(alice, third.get(0))).isEqualTo("m0");
  }
}
