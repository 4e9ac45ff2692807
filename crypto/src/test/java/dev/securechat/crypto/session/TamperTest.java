package dev.securechat.crypto.session;

import static dev.securechat.crypto.session.Conversations.establish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A byte changed anywhere in a message (initiation fields, header, token, framing) is rejected and
 * leaves the session able to read the genuine message (crypto.md "What the tests must show").
 */
class TamperTest {
  private static final int[] MASKS = {0x01, 0x80};

  private final Party alice = Party.of("alice");
  private final Party bob = Party.of("bob");

  /** Every single-byte change of {@code message} fails at {@code receiver}, which keeps working. */
  private static void assertEveryFlipRejectedThenGenuineReads(
      Party receiver, Party sender, byte[] message, String text) throws InvalidMessageException {
    PeerSession session = receiver.session(sender.name);
    ResponderContext ctx = receiver.context(sender.name);
    for (int i = 0; i < message.length; i++) {
      for (int mask : MASKS) {
        byte[] bad = message.clone();
        bad[i] ^= (byte) mask;
        assertThatThrownBy(() -> session.decrypt(bad, ctx, Party.RANDOM, receiver.now))
            .as("byte %d of %d, mask %02x", i, message.length, mask)
            .isInstanceOf(InvalidMessageException.class);
      }
    }
    for (int len = 0; len < message.length; len += (len < 400 ? 1 : 97)) {
      byte[] cut = Arrays.copyOf(message, len);
      assertThatThrownBy(() -> session.decrypt(cut, ctx, Party.RANDOM, receiver.now))
          .isInstanceOf(InvalidMessageException.class);
    }
    byte[] longer = Arrays.copyOf(message, message.length + 1);
    assertThatThrownBy(() -> session.decrypt(longer, ctx, Party.RANDOM, receiver.now))
        .isInstanceOf(InvalidMessageException.class);
    assertThat(receiver.receive(sender, message)).isEqualTo(text);
  }

  @Test
  void anInitiationMessageToANewSession() throws Exception {
    alice.initiate(bob, true);
    byte[] m = alice.send(bob, "first");
    assertThat(PairwiseMessage.parse(m).initiation()).isPresent();
    assertEveryFlipRejectedThenGenuineReads(bob, alice, m, "first");
    assertThat(bob.receive(alice, alice.send(bob, "second"))).isEqualTo("second");
  }

  @Test
  void anInitiationRepeatedOnAnExistingSession() throws Exception {
    alice.initiate(bob, false);
    assertThat(bob.receive(alice, alice.send(bob, "first"))).isEqualTo("first");
    byte[] m = alice.send(bob, "second");
    assertThat(PairwiseMessage.parse(m).initiation()).isPresent();
    assertEveryFlipRejectedThenGenuineReads(bob, alice, m, "second");
  }

  @Test
  void aMessageOnAnEstablishedSession() throws Exception {
    establish(alice, bob);
    byte[] m = bob.send(alice, "a reply with a longer body: " + "x".repeat(100));
    assertThat(PairwiseMessage.parse(m).initiation()).isEmpty();
    assertEveryFlipRejectedThenGenuineReads(
        alice, bob, m, "a reply with a longer body: " + "x".repeat(100));
    assertThat(bob.receive(alice, alice.send(bob, "ok"))).isEqualTo("ok");
  }

  @Test
  void aMessageStartingANewRatchetStep() throws Exception {
    establish(alice, bob);
    assertThat(bob.receive(alice, alice.send(bob, "ping"))).isEqualTo("ping");
    // Bob's next message carries a new ratchet key: tampering reaches the DH ratchet step.
    byte[] m = bob.send(alice, "pong");
    assertEveryFlipRejectedThenGenuineReads(alice, bob, m, "pong");
  }

  @Test
  void anEmptyPlaintextRoundTripsAndIsProtectedToo() throws Exception {
    establish(alice, bob);
    byte[] m = alice.send(bob, "");
    assertEveryFlipRejectedThenGenuineReads(bob, alice, m, "");
    assertThat("".getBytes(StandardCharsets.UTF_8)).isEmpty();
  }
}
