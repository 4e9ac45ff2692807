package dev.securechat.crypto.session;

import java.util.Arrays;
import java.util.Random;

/**
 * Hostile variants of a valid encoding: bit flips, truncation, extension, inserted and deleted
 * bytes, a length-sized field overwritten with an edge value, splices of two inputs, random bytes.
 */
final class ByteMutator {
  private static final long[] EDGES = {
    0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL
  };

  private final Random random;

  ByteMutator(Random random) {
    this.random = random;
  }

  byte[] mutate(byte[] valid, byte[] other) {
    return switch (random.nextInt(10)) {
      case 0 -> randomBytes(random.nextInt(valid.length + 64));
      case 1 -> flip(valid, 1 + random.nextInt(3));
      case 2 -> Arrays.copyOf(valid, random.nextInt(valid.length + 1));
      case 3 -> Arrays.copyOf(valid, valid.length + 1 + random.nextInt(64));
      case 4 -> insertOrDelete(valid);
      case 5, 6 -> edgeValue(valid);
      case 7 -> splice(valid, other);
      case 8 -> flip(valid, 1);
      default -> valid.clone();
    };
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private byte[] flip(byte[] in, int flips) {
    byte[] out = in.clone();
    for (int i = 0; i < flips && out.length > 0; i++) {
      // Headers and lengths sit near the start: aim there half of the time.
      int at =
          random.nextBoolean()
              ? random.nextInt(Math.min(out.length, 16))
              : random.nextInt(out.length);
      out[at] ^= (byte) (1 << random.nextInt(8));
    }
    return out;
  }

  private byte[] insertOrDelete(byte[] in) {
    int at = random.nextInt(in.length + 1);
    int n = 1 + random.nextInt(8);
    if (random.nextBoolean() || in.length - at < n) {
      byte[] out = new byte[in.length + n];
      System.arraycopy(in, 0, out, 0, at);
      System.arraycopy(randomBytes(n), 0, out, at, n);
      System.arraycopy(in, at, out, at + n, in.length - at);
      return out;
    }
    byte[] out = new byte[in.length - n];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(in, at + n, out, at, in.length - at - n);
    return out;
  }

  /** One, two or four bytes (a length, a count, an id) set to an edge value, big-endian. */
  private byte[] edgeValue(byte[] in) {
    byte[] out = in.clone();
    int width = new int[] {1, 2, 4}[random.nextInt(3)];
    if (out.length < width) {
      return flip(out, 1);
    }
    int at = random.nextInt(out.length - width + 1);
    long v = EDGES[random.nextInt(EDGES.length)];
    for (int i = 0; i < width; i++) {
      out[at + i] = (byte) (v >>> (8 * (width - 1 - i)));
    }
    return out;
  }

  private byte[] splice(byte[] a, byte[] b) {
    int cutA = random.nextInt(a.length + 1);
    int cutB = random.nextInt(b.length + 1);
    byte[] out = Arrays.copyOf(a, cutA + b.length - cutB);
    System.arraycopy(b, cutB, out, cutA, b.length - cutB);
    return out;
  }
}
