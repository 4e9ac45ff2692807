package dev.securechat.crypto.group;

import dev.securechat.crypto.InvalidMessageException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads the big-endian encodings of crypto.md; every short read is an {@link
 * InvalidMessageException}, so a truncated or padded input never parses.
 */
final class ByteReader {
  private final byte[] in;
  private final String what;
  private int at;

  ByteReader(byte[] in, String what) {
    this.in = in;
    this.what = what;
  }

  int u8() throws InvalidMessageException {
    need(1);
    return in[at++] & 0xFF;
  }

  int u16() throws InvalidMessageException {
    return (u8() << 8) | u8();
  }

  long u32() throws InvalidMessageException {
    return ((long) u16() << 16) | u16();
  }

  long u64() throws InvalidMessageException {
    return (u32() << 32) | u32();
  }

  Instant epochMillis() throws InvalidMessageException {
    return Instant.ofEpochMilli(u64());
  }

  byte[] bytes(int n) throws InvalidMessageException {
    need(n);
    byte[] out = Arrays.copyOfRange(in, at, at + n);
    at += n;
    return out;
  }

  int remaining() {
    return in.length - at;
  }

  /** Trailing bytes mean a different format, not a harmless extra. */
  void end() throws InvalidMessageException {
    if (at != in.length) {
      throw new InvalidMessageException("bad " + what);
    }
  }

  private void need(int n) throws InvalidMessageException {
    if (n < 0 || in.length - at < n) {
      throw new InvalidMessageException("bad " + what);
    }
  }
}
