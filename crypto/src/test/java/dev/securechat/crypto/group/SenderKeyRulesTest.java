package dev.securechat.crypto.group;

import static dev.securechat.crypto.group.Fixtures.RANDOM;
import static dev.securechat.crypto.group.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderKeyRulesTest {
  private final Fixtures.Sender alice = Fixtures.Sender.create("alice");
  private final ReceivedChains bob = new ReceivedChains();

  @Test
  void aSigningKeyAlreadyBoundToAnotherSenderIsRejected() throws Exception {
    alice.distributeTo(bob);
    SenderKeyDistribution stolen = alice.chain().distribution();
    byte[] before = bob.serialize();
    assertThatThrownBy(() -> bob.processDistribution("mallory", Fixtures.identityKey(), stolen, T0))
        .isInstanceOf(InvalidMessageException.class);
    assertThat(bob.serialize()).isEqualTo(before);
    assertThat(bob.hasChain("mallory", stolen.chainId())).isFalse();
  }

  @Test
  void aChainIdReusedWithAnotherSigningKeyIsRejected() throws Exception {
    alice.distributeTo(bob);
    SenderKeyDistribution genuine = alice.chain().distribution();
    byte[] otherKey = new byte[32];
    RANDOM.nextBytes(otherKey);
    SenderKeyDistribution reused =
        new SenderKeyDistribution(genuine.chainId(), 0, new byte[32], otherKey);
    assertThatThrownBy(() -> bob.processDistribution("alice", alice.identityKey(), reused, T0))
        .isInstanceOf(InvalidMessageException.class);
    assertThat(alice.read(bob, alice.send("still alice's chain"))).isEqualTo("still alice's chain");
  }

  @Test
  void aRepeatedDistributionDoesNotRewindTheChain() throws Exception {
    SenderKeyDistribution first = alice.chain().distribution();
    bob.processDistribution("alice", alice.identityKey(), first, T0);
    byte[] message = alice.send("once");
    alice.read(bob, message);
    bob.processDistribution("alice", alice.identityKey(), first, T0);
    assertThatThrownBy(() -> alice.deliver(bob, message))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void broadcastsHeldBeforeTheirDistributionAreReleasedInOrder() throws Exception {
    SenderKeyDistribution distribution = alice.chain().distribution();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(alice.send("m" + i));
    }
    for (int i : new int[] {3, 1, 4, 0, 2}) {
      ReceiveResult held = alice.deliver(bob, sent.get(i));
      assertThat(held).isEqualTo(new ReceiveResult.Held("alice", alice.chain().chainId(), i));
    }
    assertThat(alice.deliver(bob, sent.get(3))).isInstanceOf(ReceiveResult.Held.class);
    assertThat(bob.heldCount("alice")).isEqualTo(5);

    ReceivedChains.Released released =
        bob.processDistribution("alice", alice.identityKey(), distribution, T0);
    assertThat(released.rejected()).isZero();
    assertThat(released.messages())
        .extracting(m -> m.iteration(), m -> Fixtures.text(m.payload()))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, "m0"),
            org.assertj.core.groups.Tuple.tuple(1L, "m1"),
            org.assertj.core.groups.Tuple.tuple(2L, "m2"),
            org.assertj.core.groups.Tuple.tuple(3L, "m3"),
            org.assertj.core.groups.Tuple.tuple(4L, "m4"));
    assertThat(bob.heldCount("alice")).isZero();
    assertThat(alice.read(bob, alice.send("m5"))).isEqualTo("m5");
    assertThatThrownBy(() -> alice.deliver(bob, sent.get(2)))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void atMostAHundredBroadcastsAreHeldPerSenderForSevenDays() throws Exception {
    for (int i = 0; i < ReceivedChains.MAX_HELD_PER_SENDER; i++) {
      assertThat(alice.deliver(bob, alice.send("m" + i))).isInstanceOf(ReceiveResult.Held.class);
    }
    byte[] extra = alice.send("one too many");
    byte[] before = bob.serialize();
    assertThatThrownBy(() -> alice.deliver(bob, extra)).isInstanceOf(InvalidMessageException.class);
    assertThat(bob.serialize()).isEqualTo(before);

    Fixtures.Sender carol = Fixtures.Sender.create("carol");
    assertThat(carol.deliver(bob, carol.send("the limit is per sender")))
        .isInstanceOf(ReceiveResult.Held.class);

    Instant week = T0.plus(ReceivedChains.MAX_AGE);
    assertThat(bob.decrypt("alice", alice.identityKey(), extra, week))
        .isInstanceOf(ReceiveResult.Held.class);
    assertThat(bob.heldCount("alice")).isEqualTo(1);
    bob.purgeExpired(week);
    assertThat(bob.heldCount("carol")).isZero();
  }

  @Test
  void aSenderKeepsAtMostFiveChains() throws Exception {
    List<Fixtures.Sender> generations = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Fixtures.Sender g =
          new Fixtures.Sender("alice", alice.identityKey(), SenderChain.create(RANDOM, T0));
      g.distributeTo(bob);
      generations.add(g);
    }
    assertThat(bob.hasChain("alice", generations.get(0).chain().chainId())).isFalse();
    for (Fixtures.Sender g : generations.subList(1, 6)) {
      assertThat(g.read(bob, g.send("hi"))).isEqualTo("hi");
    }
  }

  @Test
  void aChainRotatesAfterAThousandMessages() {
    SenderChain chain = SenderChain.create(RANDOM, T0);
    byte[] ik = Fixtures.identityKey();
    for (int i = 0; i < SenderChain.MAX_MESSAGES - 1; i++) {
      chain.encrypt(ik, new byte[] {1}, RANDOM, T0);
    }
    assertThat(chain.needsNewChain(T0)).isFalse();
    chain.encrypt(ik, new byte[] {1}, RANDOM, T0);
    assertThat(chain.needsNewChain(T0)).isTrue();
  }

  @Test
  void aChainRotatesAfterSevenDays() {
    SenderChain chain = SenderChain.create(RANDOM, T0);
    assertThat(chain.needsNewChain(T0.plus(Duration.ofDays(7)).minusMillis(1))).isFalse();
    assertThat(chain.needsNewChain(T0.plus(Duration.ofDays(7)))).isTrue();
  }

  @Test
  void aChainRotatesWhenARecipientsIdentityKeyChanges() throws Exception {
    SenderChain chain = SenderChain.create(RANDOM, T0);
    chain.requestNewChain();
    assertThat(chain.needsNewChain(T0)).isTrue();
    assertThat(SenderChain.parse(chain.serialize()).needsNewChain(T0)).isTrue();
  }

  @Test
  void forgettingASenderDropsItsChains() throws Exception {
    alice.distributeTo(bob);
    bob.forget("alice");
    assertThat(bob.hasChain("alice", alice.chain().chainId())).isFalse();
    assertThat(alice.deliver(bob, alice.send("x"))).isInstanceOf(ReceiveResult.Held.class);
  }
}
