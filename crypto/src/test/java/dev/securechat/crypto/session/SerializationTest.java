package dev.securechat.crypto.session;

import static dev.securechat.crypto.session.Conversations.burst;
import static dev.securechat.crypto.session.Conversations.establish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storage forms and the wire form of a pairwise message. */
class SerializationTest {
  private final Party alice = Party.of("alice");
  private final Party bob = Party.of("bob");

  /** What the client does between messages: save, and load again. */
  private static void reload(Party p, String peer) throws InvalidMessageException {
    byte[] saved = p.session(peer).serialize();
    PeerSession back = PeerSession.parse(saved);
    assertThat(back.serialize()).isEqualTo(saved);
    assertThat(back.peer()).isEqualTo(peer);
    p.sessions.put(peer, back);
  }

  @Test
  void sessionsSurviveASaveAndLoadAfterEveryMessage() throws Exception {
    alice.initiate(bob, true);
    reload(alice, "bob");
    for (int i = 0; i < 6; i++) {
      byte[] a = alice.send(bob, "a" + i);
      reload(alice, "bob");
      assertThat(bob.receive(alice, a)).isEqualTo("a" + i);
      reload(bob, "alice");
      if (i % 2 == 0) {
        byte[] b = bob.send(alice, "b" + i);
        reload(bob, "alice");
        assertThat(alice.receive(bob, b)).isEqualTo("b" + i);
        reload(alice, "bob");
      }
    }
  }

  @Test
  void skippedKeysAndPendingInitiationSurviveStorage() throws Exception {
    alice.initiate(bob, false);
    List<byte[]> a = burst(alice, bob, 4);
    reload(alice, "bob");
    byte[] afterReload = alice.send(bob, "after reload");
    assertThat(PairwiseMessage.parse(afterReload).initiation()).isPresent();
    assertThat(bob.receive(alice, a.get(3))).isEqualTo("m3");
    reload(bob, "alice");
    assertThat(bob.receive(alice, a.get(1))).isEqualTo("m1");
    assertThat(bob.receive(alice, afterReload)).isEqualTo("after reload");
    assertThat(bob.receive(alice, a.get(0))).isEqualTo("m0");
  }

  @Test
  void ratchetStateRoundTripsAndCopiesAreIndependent() throws Exception {
    establish(alice, bob);
    // Two skipped keys, so the stored form has every part.
    bob.receive(alice, burst(alice, bob, 3).get(2));
    RatchetState s = bob.session("alice").activeState();
    byte[] stored = s.serialize();
    assertThat(RatchetState.parse(stored).serialize()).isEqualTo(stored);
    RatchetState copy = s.copy();
    copy.wipe();
    assertThat(s.serialize()).isEqualTo(stored);
    assertThat(s.toString()).doesNotContain(java.util.HexFormat.of().formatHex(s.rootKey));
  }

  @Test
  void corruptStoredSessionsAreRefused() throws Exception {
    establish(alice, bob);
    byte[] s = alice.session("bob").serialize();
    byte[] version = s.clone();
    version[0] = 2;
    for (byte[] bad :
        new byte[][] {
          Arrays.copyOf(s, s.length - 1), Arrays.copyOf(s, s.length + 1), version, new byte[0]
        }) {
      assertThatThrownBy(() -> PeerSession.parse(bad)).isInstanceOf(InvalidMessageException.class);
    }
    byte[] r = alice.session("bob").activeState().serialize();
    assertThatThrownBy(() -> RatchetState.parse(Arrays.copyOf(r, r.length + 1)))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void pairwiseMessageParseIsStrict() throws Exception {
    alice.initiate(bob, true);
    byte[] m = alice.send(bob, "hi");
    PairwiseMessage parsed = PairwiseMessage.parse(m);
    assertThat(parsed.encode()).isEqualTo(m);
    Initiation in = parsed.initiation().orElseThrow();
    assertThat(in.initiator()).isEqualTo("alice");
    assertThat(in.identityKey()).isEqualTo(alice.identity.publicKey());
    // 2 + lp("alice") 6 + IK 294 + ids 12 + OPK 5 + EK 32 + CT_KEM 1088 + CT_RSA 256 + SIG 256.
    int headerAt = 2 + 6 + 294 + 12 + 5 + 32 + 1088 + 256 + 256;
    assertThat(m[headerAt]).isEqualTo((byte) 1);

    byte[] version = m.clone();
    version[0] = 2;
    byte[] flags = m.clone();
    flags[1] = 3;
    byte[] trailing = Arrays.copyOf(m, m.length + 1);
    byte[] truncated = Arrays.copyOf(m, m.length - 1);
    byte[] noInitiationFlag = m.clone();
    noInitiationFlag[1] = 0;
    byte[] headerVersion = m.clone();
    headerVersion[headerAt] = 2;
    byte[] badOpkFlag = m.clone();
    badOpkFlag[2 + 6 + 294 + 12] = 2;
    for (byte[] bad :
        new byte[][] {
          version, flags, trailing, truncated, noInitiationFlag, headerVersion, badOpkFlag
        }) {
      assertThatThrownBy(() -> PairwiseMessage.parse(bad))
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void anEstablishedMessageHasTheDocumentedLayout() throws Exception {
    establish(alice, bob);
    byte[] m = alice.send(bob, "abc");
    // 0x01 || flags 0 || header 41 || u32 length || token (57 + 16 * ceil((32 + 3 + 1) / 16) + 32).
    int token = 1 + 8 + 16 + 48 + 32;
    assertThat(m).hasSize(2 + Header.BYTES + 4 + token);
    assertThat(m[1]).isZero();
    Header h = PairwiseMessage.parse(m).header();
    assertThat(h.encode()).hasSize(41).isEqualTo(Arrays.copyOfRange(m, 2, 43));
  }
}
