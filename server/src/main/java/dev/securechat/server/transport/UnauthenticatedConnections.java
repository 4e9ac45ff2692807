package dev.securechat.server.transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connections still in the TLS handshake or not yet logged in, across all addresses, so
 * that slow or silent connections cannot hold more than a fixed share of the server (sockets,
 * handshake buffers, timers) however many addresses they come from.
 */
final class UnauthenticatedConnections {
  private final int max;
  private final AtomicInteger count = new AtomicInteger();

  UnauthenticatedConnections(int max) {
    this.max = max;
  }

  /** Takes a place; false, and nothing taken, when all places are held. */
  boolean tryAcquire() {
    if (count.incrementAndGet() > max) {
      count.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    count.decrementAndGet();
  }
}
