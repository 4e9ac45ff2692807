package dev.securechat.client.e2e;

import dev.securechat.crypto.InvalidMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What travels inside an encrypted envelope. Version 1: {@code u8 type || body}; a text carries the
 * sender's clock and the UTF-8 body, a sender-key distribution its serialized bytes.
 */
public sealed interface Content {
  int TEXT = 1;
  int SENDER_KEY_DISTRIBUTION = 2;

  byte[] encode();

  /** A chat message. */
  record Text(long sentAtMillis, String body) implements Content {
    @Override
    public byte[] encode() {
      byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(1 + 8 + utf8.length)
          .put((byte) TEXT)
          .putLong(sentAtMillis)
          .put(utf8)
          .array();
    }
  }

  /** The sender's current broadcast chain, sent pairwise before its first broadcast to you. */
  record Distribution(byte[] serialized) implements Content {
    @Override
    public byte[] encode() {
      byte[] out = new byte[1 + serialized.length];
      out[0] = (byte) SENDER_KEY_DISTRIBUTION;
      System.arraycopy(serialized, 0, out, 1, serialized.length);
      return out;
    }

    @Override
    public String toString() {
      return "Distribution[hidden]";
    }
  }

  static Content parse(byte[] plaintext) throws InvalidMessageException {
    if (plaintext.length < 1) {
      throw new InvalidMessageException("empty content");
    }
    return switch (plaintext[0]) {
      case TEXT -> {
        if (plaintext.length < 9) {
          throw new InvalidMessageException("short text");
        }
        long sent = ByteBuffer.wrap(plaintext, 1, 8).getLong();
        try {
          String body =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(plaintext, 9, plaintext.length - 9))
                  .toString();
          yield new Text(sent, body);
        } catch (CharacterCodingException e) {
          throw new InvalidMessageException("text is not UTF-8");
        }
      }
      case SENDER_KEY_DISTRIBUTION ->
          new Distribution(Arrays.copyOfRange(plaintext, 1, plaintext.length));
      default -> throw new InvalidMessageException("unknown content type");
    };
  }
}
