package dev.securechat.crypto.group;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

/** Shared inputs. Identity keys are random bytes: sender keys only ever hash them (fp). */
final class Fixtures {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private Fixtures() {}

  static byte[] identityKey() {
    byte[] key = new byte[294];
    RANDOM.nextBytes(key);
    return key;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A sender with its chain and identity key. */
  record Sender(String name, byte[] identityKey, SenderChain chain) {
    static Sender create(String name) {
      return new Sender(name, Fixtures.identityKey(), SenderChain.create(RANDOM, T0));
    }

    byte[] send(String text) {
      return chain.encrypt(identityKey, utf8(text), RANDOM, T0);
    }

    byte[] send(String text, Instant now) {
      return chain.encrypt(identityKey, utf8(text), RANDOM, now);
    }

    ReceivedChains.Released distributeTo(ReceivedChains receiver) throws Exception {
      return receiver.processDistribution(name, identityKey, chain.distribution(), T0);
    }

    ReceiveResult deliver(ReceivedChains receiver, byte[] message) throws Exception {
      return receiver.decrypt(name, identityKey, message, T0);
    }

    String read(ReceivedChains receiver, byte[] message) throws Exception {
      return text(((ReceiveResult.Decrypted) deliver(receiver, message)).payload());
    }
  }
}
