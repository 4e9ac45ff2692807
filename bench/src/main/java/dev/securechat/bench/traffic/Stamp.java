package dev.securechat.bench.traffic;

import java.nio.ByteBuffer;

/**
 * What a load envelope carries in its first bytes: a marker, when it was due to be sent ({@link
 * System#nanoTime()}, comparable because every simulated client lives in this JVM), who sent it and
 * its seq on its pair, so that the receiver can time it and check exactly-once order per sender.
 * The rest of the envelope is random filler: the server only ever sees opaque bytes.
 */
record Stamp(long sentNanos, int sender, long seq) {
  static final int BYTES = 4 + 8 + 4 + 8;
  private static final int MAGIC = 0x5343_4231; // "SCB1"

  /** An envelope of {@code size} bytes: this stamp, then {@code filler} from the same offset. */
  byte[] envelope(int size, byte[] filler) {
    byte[] envelope = new byte[size];
    System.arraycopy(filler, BYTES, envelope, BYTES, size - BYTES);
    ByteBuffer.wrap(envelope).putInt(MAGIC).putLong(sentNanos).putInt(sender).putLong(seq);
    return envelope;
  }

  /** The stamp of an envelope, or null if it carries none (not sent by this run). */
  static Stamp read(byte[] envelope) {
    if (envelope.length < BYTES) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(envelope);
    if (b.getInt() != MAGIC) {
      return null;
    }
    return new Stamp(b.getLong(), b.getInt(), b.getLong());
  }
}
