package dev.securechat.crypto.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.crypto.InvalidMessageException;
import java.util.ArrayList;
import java.util.List;

/** Conversation steps shared by the session tests. */
final class Conversations {
  private Conversations() {}

  /** Alice initiates (with an OPK), one message each way: no initiation attached afterwards. */
  static void establish(Party alice, Party bob) throws InvalidMessageException {
    alice.initiate(bob, true);
    assertThat(bob.receive(alice, alice.send(bob, "hello"))).isEqualTo("hello");
    assertThat(alice.receive(bob, bob.send(alice, "hello back"))).isEqualTo("hello back");
  }

  /** {@code n} messages from {@code from} to {@code to}, numbered from 0, none delivered yet. */
  static List<byte[]> burst(Party from, Party to, int n) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(from.send(to, "m" + i));
    }
    return out;
  }
}
