package dev.securechat.crypto.keys;

import dev.securechat.crypto.InvalidMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the fixed-layout byte formats of this module (crypto.md "Encodings"). Every length is
 * checked against what is left before anything is allocated, and every failure is the same {@link
 * InvalidMessageException}, so a parser never says which field was wrong.
 */
public final class ByteReader {
  private final byte[] in;
  private final String error;
  private int pos;

  /**
   * @param error the one message every failure of this parse carries
   */
  public ByteReader(byte[] in, String error) {
    this.in = in;
    this.error = error;
  }

  private void need(long n) throws InvalidMessageException {
    if (n < 0 || n > in.length - pos) {
      throw fail();
    }
  }

  /** The failure this reader throws, for checks a parser makes on the values it read. */
  public InvalidMessageException fail() {
    return new InvalidMessageException(error);
  }

  public int u8() throws InvalidMessageException {
    need(1);
    return in[pos++] & 0xFF;
  }

  public long u32() throws InvalidMessageException {
    need(4);
    long v = ByteBuffer.wrap(in, pos, 4).getInt() & 0xFFFF_FFFFL;
    pos += 4;
    return v;
  }

  /** A u32 id, kept in a Java int with the same 32 bits. */
  public int id() throws InvalidMessageException {
    return (int) u32();
  }

  /** A u64 whose top bit must be clear (times and counters), so it never reads as negative. */
  public long u63() throws InvalidMessageException {
    need(8);
    long v = ByteBuffer.wrap(in, pos, 8).getLong();
    pos += 8;
    if (v < 0) {
      throw fail();
    }
    return v;
  }

  /** A byte that must be 0 or 1. */
  public boolean flag() throws InvalidMessageException {
    int v = u8();
    if (v > 1) {
      throw fail();
    }
    return v == 1;
  }

  public byte[] fixed(int n) throws InvalidMessageException {
    need(n);
    byte[] out = Arrays.copyOfRange(in, pos, pos + n);
    pos += n;
    return out;
  }

  /** {@code lp(x)}: a one-byte length, then the bytes. */
  public byte[] lp() throws InvalidMessageException {
    return fixed(u8());
  }

  /** {@code lp2(x)}: a two-byte length, then the bytes. */
  public byte[] lp2() throws InvalidMessageException {
    need(2);
    int n = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
    pos += 2;
    return fixed(n);
  }

  /** A u32 length, then the bytes. */
  public byte[] lp4() throws InvalidMessageException {
    long n = u32();
    need(n);
    return fixed((int) n);
  }

  /** A non-empty {@code lp()} that is strictly valid UTF-8. */
  public String lpUtf8() throws InvalidMessageException {
    byte[] raw = lp();
    if (raw.length == 0) {
      throw fail();
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw fail();
    }
  }

  public int remaining() {
    return in.length - pos;
  }

  /** Requires that every byte was read: trailing bytes are an error, not padding. */
  public void end() throws InvalidMessageException {
    if (pos != in.length) {
      throw fail();
    }
  }
}
