package dev.securechat.crypto.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A password as UTF-8 bytes, without a String that could not be wiped. */
final class Passwords {
  private Passwords() {}

  /** The caller wipes the result. An unpaired surrogate is refused rather than replaced by '?'. */
  static byte[] utf8(char[] password) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer encoded;
    try {
      encoded = encoder.encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("password is not valid UTF-16", e);
    }
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    // The encoder's buffer held the password too.
    Arrays.fill(encoded.array(), (byte) 0);
    return out;
  }
}
