package dev.securechat.bench.crypto;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.session.DecryptResult;
import dev.securechat.crypto.session.EncryptResult;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Double Ratchet one way, state in memory: alice encrypts {@code messages} payloads, then bob
 * decrypts them in order, each through {@code PeerSession} exactly as the client calls it (parse,
 * trial decryption on a copy of the state, a new immutable {@code PeerSession} per message). The
 * sending chain only steps (no DH ratchet: bob does not answer). With {@code firstFlight} bob has
 * never answered, so every message still carries alice's initiation (about 1.9 KB) and bob matches
 * it against his session's before decrypting.
 */
final class RatchetWorkload implements Workload {
  private static final int ENCRYPT = 0;
  private static final int DECRYPT = 1;

  private final Conversation c;
  private final int messages;
  private final byte[] payload;
  private final SecureRandom random;
  private final boolean firstFlight;
  private int messageBytes;

  private RatchetWorkload(
      Conversation c, int messages, byte[] payload, SecureRandom random, boolean firstFlight) {
    this.c = c;
    this.messages = messages;
    this.payload = payload;
    this.random = random;
    this.firstFlight = firstFlight;
  }

  static RatchetWorkload established(
      Party alice, Party bob, int messages, byte[] payload, SecureRandom random)
      throws InvalidMessageException {
    return new RatchetWorkload(
        Conversation.established(alice, bob, random), messages, payload, random, false);
  }

  static RatchetWorkload firstFlight(
      Party alice, Party bob, int messages, byte[] payload, SecureRandom random)
      throws InvalidMessageException {
    return new RatchetWorkload(
        Conversation.firstFlight(alice, bob, random), messages, payload, random, true);
  }

  @Override
  public String key() {
    return firstFlight ? "first-flight" : "ratchet";
  }

  @Override
  public String title() {
    return firstFlight
        ? "Double Ratchet one way, in memory, initiation still attached (bob never answered)"
        : "Double Ratchet one way, in memory, established session";
  }

  @Override
  public List<String> phases() {
    return List.of("alice: encrypt", "bob: decrypt");
  }

  @Override
  public List<View> views() {
    return List.of(
        View.of("encrypt + decrypt, one core", "messages/s", ENCRYPT, DECRYPT),
        View.of("encrypt (alice)", "messages/s", ENCRYPT),
        View.of("decrypt (bob)", "messages/s", DECRYPT));
  }

  @Override
  public long opsPerIteration() {
    return messages;
  }

  @Override
  public void iterate(long[] nanos) throws InvalidMessageException {
    byte[][] sent = new byte[messages][];
    long t0 = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      EncryptResult r = c.aliceSession.encrypt(payload, random, Instant.now());
      c.aliceSession = r.session();
      sent[i] = r.message();
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      DecryptResult r = c.bobSession.decrypt(sent[i], c.bobContext, random, Instant.now());
      c.bobSession = r.session();
      Conversation.check(payload, r.plaintext());
    }
    long t2 = System.nanoTime();
    nanos[ENCRYPT] += t1 - t0;
    nanos[DECRYPT] += t2 - t1;
    messageBytes = sent[messages - 1].length;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("payloadBytes", payload.length);
    facts.put("messageBytes", messageBytes);
    facts.put("aliceStoredSessionBytes", c.aliceSession.serialize().length);
    facts.put("bobStoredSessionBytes", c.bobSession.serialize().length);
    return facts;
  }
}
