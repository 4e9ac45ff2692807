package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.ByteReader;
import dev.securechat.crypto.primitives.Bytes;
import java.util.Optional;

/**
 * One pairwise message as carried in an envelope: {@code 0x01 || flags (bit 0: has initiation) ||
 * [initiation] || header (41) || u32 token length || token}. {@link #parse} accepts nothing else:
 * unknown versions and flag bits, missing fields and trailing bytes are refused.
 */
public record PairwiseMessage(Optional<Initiation> initiation, Header header, byte[] token) {
  public static final int VERSION = 1;
  private static final int HAS_INITIATION = 0x01;
  static final String ERROR = "invalid message";

  public byte[] encode() {
    Bytes out = Bytes.start().u8(VERSION).u8(initiation.isPresent() ? HAS_INITIATION : 0);
    initiation.ifPresent(i -> out.raw(i.encode()));
    return out.raw(header.encode()).u32(token.length).raw(token).build();
  }

  public static PairwiseMessage parse(byte[] message) throws InvalidMessageException {
    ByteReader r = new ByteReader(message, ERROR);
    if (r.u8() != VERSION) {
      throw r.fail();
    }
    int flags = r.u8();
    if ((flags & ~HAS_INITIATION) != 0) {
      throw r.fail();
    }
    Optional<Initiation> initiation =
        (flags & HAS_INITIATION) != 0 ? Optional.of(Initiation.read(r)) : Optional.empty();
    Header header = Header.read(r);
    byte[] token = r.lp4();
    r.end();
    return new PairwiseMessage(initiation, header, token);
  }

  @Override
  public String toString() {
    return "PairwiseMessage[initiation=" + initiation.isPresent() + ", " + header + "]";
  }
}
