package dev.securechat.crypto.group;

import static dev.securechat.crypto.group.Fixtures.RANDOM;
import static dev.securechat.crypto.group.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SenderKeySerializationTest {
  private final Fixtures.Sender alice = Fixtures.Sender.create("alice");

  @Test
  void aSenderChainSurvivesARoundTripAndKeepsEncrypting() throws Exception {
    ReceivedChains bob = new ReceivedChains();
    alice.distributeTo(bob);
    alice.send("before");
    byte[] saved = alice.chain().serialize();
    assertThat(saved).hasSize(SenderChain.SERIALIZED_BYTES);

    SenderChain restored = SenderChain.parse(saved);
    assertThat(restored.serialize()).isEqualTo(saved);
    assertThat(restored.chainId()).isEqualTo(alice.chain().chainId());
    assertThat(restored.iteration()).isEqualTo(1);
    assertThat(restored.createdAt()).isEqualTo(T0);
    Fixtures.Sender again = new Fixtures.Sender("alice", alice.identityKey(), restored);
    assertThat(again.read(bob, again.send("after"))).isEqualTo("after");
  }

  @Test
  void receivedChainsSurviveARoundTripWithSkippedKeysAndHeldMessages() throws Exception {
    ReceivedChains bob = new ReceivedChains();
    alice.distributeTo(bob);
    byte[] skipped = alice.send("skipped");
    alice.read(bob, alice.send("read"));
    Fixtures.Sender carol = Fixtures.Sender.create("carol");
    SenderKeyDistribution carolsChain = carol.chain().distribution();
    byte[] held = carol.send("held");
    carol.deliver(bob, held);

    byte[] saved = bob.serialize();
    ReceivedChains restored = ReceivedChains.parse(saved);
    assertThat(restored.serialize()).isEqualTo(saved);
    assertThat(restored.skippedKeyCount("alice", alice.chain().chainId())).isEqualTo(1);
    assertThat(restored.heldCount("carol")).isEqualTo(1);

    assertThat(alice.read(restored, skipped)).isEqualTo("skipped");
    ReceivedChains.Released released =
        restored.processDistribution("carol", carol.identityKey(), carolsChain, T0);
    assertThat(released.messages()).hasSize(1);
    assertThat(Fixtures.text(released.messages().getFirst().payload())).isEqualTo("held");
  }

  @Test
  void aCopyIsIndependent() throws Exception {
    ReceivedChains bob = new ReceivedChains();
    alice.distributeTo(bob);
    byte[] message = alice.send("once per copy");
    ReceivedChains copy = bob.copy();
    assertThat(alice.read(copy, message)).isEqualTo("once per copy");
    assertThat(alice.read(bob, message)).isEqualTo("once per copy");

    SenderChain chainCopy = alice.chain().copy();
    chainCopy.encrypt(alice.identityKey(), new byte[] {1}, RANDOM, T0);
    assertThat(alice.chain().iteration()).isEqualTo(1);
    assertThat(chainCopy.iteration()).isEqualTo(2);
  }

  @Test
  void aDistributionSurvivesARoundTripAndRejectsBadInput() throws Exception {
    SenderKeyDistribution d = alice.chain().distribution();
    byte[] bytes = d.serialize();
    assertThat(bytes).hasSize(SenderKeyDistribution.BYTES);
    assertThat(SenderKeyDistribution.parse(bytes)).isEqualTo(d);
    assertThat(d.toString()).doesNotContain(java.util.HexFormat.of().formatHex(d.chainKey()));

    byte[] badVersion = bytes.clone();
    badVersion[0] = 2;
    for (byte[] bad :
        new byte[][] {
          badVersion, Arrays.copyOf(bytes, bytes.length - 1), Arrays.copyOf(bytes, bytes.length + 1)
        }) {
      assertThatThrownBy(() -> SenderKeyDistribution.parse(bad))
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void aMessageParsesToItsFieldsAndBackAndRefusesOtherVersions() throws Exception {
    byte[] bytes = alice.send("hello");
    SenderKeyMessage m = SenderKeyMessage.parse(bytes);
    assertThat(m.chainId()).isEqualTo(alice.chain().chainId());
    assertThat(m.iteration()).isZero();
    assertThat(m.serialize()).isEqualTo(bytes);
    byte[] other = bytes.clone();
    other[0] = 2;
    assertThatThrownBy(() -> SenderKeyMessage.parse(other))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void corruptStateIsRefused() throws Exception {
    ReceivedChains bob = new ReceivedChains();
    alice.distributeTo(bob);
    alice.send("skipped");
    alice.read(bob, alice.send("read"));
    byte[] saved = bob.serialize();
    for (byte[] bad :
        new byte[][] {
          Arrays.copyOf(saved, saved.length - 1), Arrays.copyOf(saved, saved.length + 1), {2}
        }) {
      assertThatThrownBy(() -> ReceivedChains.parse(bad))
          .isInstanceOf(InvalidMessageException.class);
    }
    byte[] chain = alice.chain().serialize();
    assertThatThrownBy(() -> SenderChain.parse(Arrays.copyOf(chain, chain.length + 1)))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void noSecretAppearsInToString() {
    SenderChain chain = alice.chain();
    String hex = java.util.HexFormat.of().formatHex(chain.distribution().chainKey());
    assertThat(chain.toString()).doesNotContain(hex);
    assertThat(new ReceivedChains().toString()).doesNotContain(hex);
  }
}
