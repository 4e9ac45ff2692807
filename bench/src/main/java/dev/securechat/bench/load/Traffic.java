package dev.securechat.bench.load;

import dev.securechat.protocol.ServerFrame;

/**
 * What a scenario does with a logged-in client. Every method runs on the client's event loop, so a
 * scenario's per-client state needs no locks.
 */
public interface Traffic {
  Traffic NONE = new Traffic() {};

  /** The login succeeded; sending may begin. */
  default void loggedIn(LoadClient client) {}

  /** A {@code Stored}, {@code Busy} or {@code Rejected} answer to a message this client sent. */
  default void answered(LoadClient client, ServerFrame answer) {}

  /** A new delivery (not a redelivery of a qseq already handled on this connection). */
  default void delivered(LoadClient client, ServerFrame.Deliver deliver, long receivedNanos) {}
}
