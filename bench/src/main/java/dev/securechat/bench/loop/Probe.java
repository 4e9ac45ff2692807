package dev.securechat.bench.loop;

import java.nio.ByteBuffer;

/**
 * What a loop envelope carries in its first bytes: when it was handed to the client library ({@link
 * System#nanoTime()}, comparable because sender and receiver share this JVM) and its index in the
 * run, so the receiver can time it and check order. The rest is filler to the chosen size.
 */
record Probe(long sentNanos, long index) {
  static final int BYTES = 2 * Long.BYTES;

  byte[] encode(int size) {
    if (size < BYTES) {
      throw new IllegalArgumentException("an envelope of " + size + " B cannot hold a probe");
    }
    byte[] envelope = new byte[size];
    ByteBuffer.wrap(envelope).putLong(sentNanos).putLong(index);
    return envelope;
  }

  static Probe decode(byte[] envelope) {
    if (envelope.length < BYTES) {
      throw new IllegalArgumentException("an envelope of " + envelope.length + " B has no probe");
    }
    ByteBuffer b = ByteBuffer.wrap(envelope);
    return new Probe(b.getLong(), b.getLong());
  }
}
