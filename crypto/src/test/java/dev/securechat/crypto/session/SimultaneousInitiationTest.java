package dev.securechat.crypto.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Both sides initiate at once: each keeps both sessions and the conversation converges. */
class SimultaneousInitiationTest {
  private final Party alice = Party.of("alice");
  private final Party bob = Party.of("bob");

  @Test
  void bothInitiateThenMessagesFlowBothWays() throws Exception {
    alice.initiate(bob, true);
    bob.initiate(alice, true);
    byte[] fromAlice = alice.send(bob, "hi from alice");
    byte[] fromBob = bob.send(alice, "hi from bob");
    assertThat(bob.receive(alice, fromAlice)).isEqualTo("hi from alice");
    assertThat(alice.receive(bob, fromBob)).isEqualTo("hi from bob");
    assertThat(alice.session("bob").sessionCount()).isEqualTo(2);
    assertThat(bob.session("alice").sessionCount()).isEqualTo(2);

    // Both keep talking at once for a while: every message still decrypts.
    for (int round = 0; round < 3; round++) {
      byte[] a = alice.send(bob, "a" + round);
      byte[] b = bob.send(alice, "b" + round);
      assertThat(bob.receive(alice, a)).isEqualTo("a" + round);
      assertThat(alice.receive(bob, b)).isEqualTo("b" + round);
    }
    // Then a turn-taking exchange settles both on one session, with no initiation attached.
    for (int round = 0; round < 3; round++) {
      byte[] a = alice.send(bob, "ask" + round);
      assertThat(bob.receive(alice, a)).isEqualTo("ask" + round);
      byte[] b = bob.send(alice, "answer" + round);
      assertThat(alice.receive(bob, b)).isEqualTo("answer" + round);
      assertThat(PairwiseMessage.parse(a).initiation()).isEmpty();
      assertThat(PairwiseMessage.parse(b).initiation()).isEmpty();
    }
    assertThat(alice.session("bob").activeState().associatedData)
        .as("both send with the same session")
        .isEqualTo(bob.session("alice").activeState().associatedData);
  }

  @Test
  void atMostFiveSessionsAreKeptPerPeer() throws Exception {
    List<byte[]> firsts = new java.util.ArrayList<>();
    for (int i = 0; i < PeerSession.MAX_SESSIONS + 2; i++) {
      alice.initiate(bob, false);
      firsts.add(alice.send(bob, "init " + i));
    }
    assertThat(alice.session("bob").sessionCount()).isEqualTo(PeerSession.MAX_SESSIONS);
    for (int i = 0; i < firsts.size(); i++) {
      assertThat(bob.receive(alice, firsts.get(i))).isEqualTo("init " + i);
    }
    assertThat(bob.session("alice").sessionCount()).isEqualTo(PeerSession.MAX_SESSIONS);
    // Bob answers on the newest; Alice still has that one.
    assertThat(alice.receive(bob, bob.send(alice, "latest"))).isEqualTo("latest");
  }
}
