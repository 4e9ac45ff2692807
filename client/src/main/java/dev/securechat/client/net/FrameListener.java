package dev.securechat.client.net;

import dev.securechat.protocol.ServerFrame;

/** Receives what the server sends unasked. Called on the connection's event loop. */
public interface FrameListener {
  /** Deliveries, presence, pings and anything else that answers no request. */
  void onFrame(ServerFrame frame);

  /** The end of one read burst: a good moment to send one cumulative ack. */
  default void onReadComplete() {}

  /** The connection closed; {@code bye} is what the server said, if anything. */
  default void onClosed(ServerFrame.Bye bye) {}
}
