package dev.securechat.crypto.primitives;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte-string building per crypto.md "Encodings": big-endian integers, lp() and lp2() prefixes. */
public final class Bytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public static Bytes start() {
    return new Bytes();
  }

  public Bytes ascii(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  public Bytes raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  public Bytes u8(int v) {
    out.write(v);
    return this;
  }

  public Bytes u32(long v) {
    out.write((int) (v >>> 24));
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
    return this;
  }

  public Bytes u64(long v) {
    return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
  }

  /** One-byte length, then the bytes. */
  public Bytes lp(byte[] b) {
    if (b.length > 0xFF) {
      throw new IllegalArgumentException("lp() takes at most 255 bytes");
    }
    out.write(b.length);
    out.writeBytes(b);
    return this;
  }

  /** Two-byte length, then the bytes. */
  public Bytes lp2(byte[] b) {
    if (b.length > 0xFFFF) {
      throw new IllegalArgumentException("lp2() takes at most 65535 bytes");
    }
    out.write(b.length >>> 8);
    out.write(b.length);
    out.writeBytes(b);
    return this;
  }

  public byte[] build() {
    return out.toByteArray();
  }

  public static byte[] concat(byte[]... parts) {
    Bytes b = new Bytes();
    for (byte[] p : parts) {
      b.raw(p);
    }
    return b.build();
  }

  /** Overwrites key material that is no longer needed. */
  public static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }
}
