package dev.securechat.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes hostile byte streams from valid frames: random bytes, bit flips, truncation, length-prefix
 * and inner-length edits, byte insertions and deletions, splices of two frames, and several frames
 * back to back. Every choice comes from the one {@link Random}, so a seed replays a run exactly.
 */
public final class FrameMutator {
  private static final int[] BOUNDARY_U16 = {0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF};

  private final Random random;
  private final List<byte[]> valid;
  private final long[] boundaryU32;

  /**
   * @param valid whole encoded frames (length prefix included) to start from
   * @param maxFrameBytes the limit under test, so that length edits land on both sides of it
   */
  public FrameMutator(Random random, List<byte[]> valid, int maxFrameBytes) {
    this.random = random;
    this.valid = List.copyOf(valid);
    this.boundaryU32 =
        new long[] {
          0,
          1,
          2,
          0x7FFF_FFFFL,
          0x8000_0000L,
          0xFFFF_FFFFL,
          maxFrameBytes - 1L,
          maxFrameBytes,
          maxFrameBytes + 1L
        };
  }

  /** One valid frame, chosen at random. */
  public byte[] pick() {
    return valid.get(random.nextInt(valid.size())).clone();
  }

  /** A hostile input made from {@code frame} (sometimes left valid, as a control). */
  public byte[] mutate(byte[] frame) {
    return switch (random.nextInt(12)) {
      case 0 -> randomBytes(random.nextInt(48));
      case 1 -> randomBody();
      case 2 -> flipBits(frame, 1 + random.nextInt(4));
      case 3 -> Arrays.copyOf(frame, random.nextInt(frame.length)); // cut, prefix unchanged
      case 4 -> reprefixed(Arrays.copyOfRange(frame, 4, 4 + random.nextInt(frame.length - 4)));
      case 5 -> withLengthPrefix(frame);
      case 6 -> withInnerLength(frame);
      case 7 -> insertOrDelete(frame);
      case 8 -> flipBits(concat(frame, pick()), 1);
      case 9 -> splice(frame, pick());
      case 10 -> stream(frame);
      default -> frame.clone();
    };
  }

  /**
   * Cuts {@code input} into pieces as TCP would deliver them: mostly MSS-sized or smaller, some of
   * a single byte, sometimes the whole input at once.
   */
  public int[] chunkSizes(byte[] input) {
    int[] cuts = new int[input.length + 1];
    int n = 0;
    int at = 0;
    int mode = random.nextInt(4);
    while (at < input.length) {
      int left = input.length - at;
      int size =
          switch (mode) {
            case 0 -> left; // one read
            case 1 -> 1 + random.nextInt(Math.min(left, 1460)); // segments up to one MSS
            case 2 -> random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(left); // dribble and bursts
            default -> 1 + random.nextInt(Math.min(left, 16)); // tiny reads
          };
      cuts[n++] = size;
      at += size;
    }
    return Arrays.copyOf(cuts, n);
  }

  public byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** A correct prefix, a real type (either direction) and mostly version 1, then noise. */
  private byte[] randomBody() {
    byte[] body = randomBytes(2 + random.nextInt(64));
    FrameType[] types = FrameType.values();
    body[0] = (byte) types[random.nextInt(types.length)].code();
    body[1] = (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 1);
    return withPrefix(body, body.length);
  }

  private byte[] flipBits(byte[] b, int flips) {
    byte[] out = b.clone();
    for (int i = 0; i < flips; i++) {
      // Mostly in the body, where the parser is; sometimes in the length prefix.
      int at =
          random.nextInt(8) == 0 ? random.nextInt(out.length) : 4 + random.nextInt(out.length - 4);
      out[at] ^= (byte) (1 << random.nextInt(8));
    }
    return out;
  }

  private byte[] withLengthPrefix(byte[] frame) {
    long real = frame.length - 4L;
    long prefix =
        switch (random.nextInt(4)) {
          case 0 -> real + random.nextInt(9) - 4;
          case 1 -> boundaryU32[random.nextInt(boundaryU32.length)];
          case 2 -> random.nextInt() & 0xFFFF_FFFFL;
          default -> random.nextInt((int) real + 1);
        };
    return withPrefix(Arrays.copyOfRange(frame, 4, frame.length), Math.max(0, prefix));
  }

  /** Overwrites two or four body bytes (where a length or count may sit) with an edge value. */
  private byte[] withInnerLength(byte[] frame) {
    byte[] out = frame.clone();
    int bodyStart = 6;
    if (out.length - bodyStart < 4) {
      return flipBits(out, 1);
    }
    int at = bodyStart + random.nextInt(out.length - bodyStart - 3);
    if (random.nextBoolean()) {
      int v = BOUNDARY_U16[random.nextInt(BOUNDARY_U16.length)];
      out[at] = (byte) (v >>> 8);
      out[at + 1] = (byte) v;
    } else {
      long v = boundaryU32[random.nextInt(boundaryU32.length)];
      for (int i = 0; i < 4; i++) {
        out[at + i] = (byte) (v >>> (24 - 8 * i));
      }
    }
    return out;
  }

  private byte[] insertOrDelete(byte[] frame) {
    byte[] body = Arrays.copyOfRange(frame, 4, frame.length);
    int at = random.nextInt(body.length + 1);
    int n = 1 + random.nextInt(4);
    byte[] out;
    if (random.nextBoolean() || body.length - at < n) {
      out = new byte[body.length + n];
      System.arraycopy(body, 0, out, 0, at);
      System.arraycopy(randomBytes(n), 0, out, at, n);
      System.arraycopy(body, at, out, at + n, body.length - at);
    } else {
      out = new byte[body.length - n];
      System.arraycopy(body, 0, out, 0, at);
      System.arraycopy(body, at + n, out, at, body.length - at - n);
    }
    return reprefixed(out);
  }

  /** The head of one frame and the tail of another, under the first one's length or a fixed one. */
  private byte[] splice(byte[] a, byte[] b) {
    int cutA = 4 + random.nextInt(a.length - 3);
    int cutB = 4 + random.nextInt(b.length - 3);
    byte[] out = concat(Arrays.copyOf(a, cutA), Arrays.copyOfRange(b, cutB, b.length));
    return random.nextBoolean() ? out : reprefixed(Arrays.copyOfRange(out, 4, out.length));
  }

  /** A few valid frames back to back with the mutated one somewhere among them. */
  private byte[] stream(byte[] frame) {
    byte[] out = new byte[0];
    int n = 2 + random.nextInt(4);
    int bad = random.nextInt(n);
    for (int i = 0; i < n; i++) {
      out = concat(out, i == bad ? flipBits(frame, 1) : pick());
    }
    return out;
  }

  private static byte[] reprefixed(byte[] body) {
    return withPrefix(body, body.length);
  }

  public static byte[] withPrefix(byte[] body, long lengthPrefix) {
    byte[] out = new byte[body.length + 4];
    out[0] = (byte) (lengthPrefix >>> 24);
    out[1] = (byte) (lengthPrefix >>> 16);
    out[2] = (byte) (lengthPrefix >>> 8);
    out[3] = (byte) lengthPrefix;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  public static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
