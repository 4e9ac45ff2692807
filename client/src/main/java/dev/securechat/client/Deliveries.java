package dev.securechat.client;

import dev.securechat.client.net.ServerConnection;
import dev.securechat.client.state.ClientState;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Incoming messages, exactly once: a delivery above the stream's handled position is shown and then
 * recorded as handled, one at or below it is a redelivery and only acknowledged; after each read
 * burst one cumulative {@code Ack} per stream covers both. Runs on the connection's thread.
 */
final class Deliveries {
  private final Supplier<ClientState> state;
  private final ChatListener listener;
  private final DeliveryObserver observer;
  private final long[] pendingAck = new long[Stream.values().length];

  Deliveries(Supplier<ClientState> state, ChatListener listener, DeliveryObserver observer) {
    this.state = state;
    this.listener = listener;
    this.observer = observer;
  }

  void deliver(ServerFrame.Deliver d) {
    ClientState s = state.get();
    if (s == null) {
      // Nothing may be delivered before a login; not recorded and not acked, so nothing is lost.
      return;
    }
    boolean duplicate = d.qseq() <= s.handled(d.stream());
    observer.received(d.stream(), d.qseq(), duplicate);
    if (!duplicate) {
      listener.onMessage(
          new IncomingMessage(
              d.stream(),
              d.qseq(),
              d.id(),
              d.from(),
              Instant.ofEpochMilli(d.serverTimeMillis()),
              d.envelope()));
      s.markHandled(d.stream(), d.qseq());
      observer.committed(d.stream(), d.qseq());
    }
    int i = d.stream().ordinal();
    pendingAck[i] = Math.max(pendingAck[i], d.qseq());
  }

  /** The end of a read burst: one ack per stream for everything handled in it. */
  void acknowledge(ServerConnection c) {
    for (Stream stream : Stream.values()) {
      long upTo = pendingAck[stream.ordinal()];
      if (upTo > 0 && c != null) {
        c.send(new ClientFrame.Ack(stream, upTo));
        pendingAck[stream.ordinal()] = 0;
      }
    }
  }

  /** Acks not sent are not owed: the server delivers those messages again at the next login. */
  void connectionClosed() {
    Arrays.fill(pendingAck, 0);
  }
}
