package dev.securechat.bench.crypto;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.group.ReceiveResult;
import dev.securechat.crypto.group.ReceivedChains;
import dev.securechat.crypto.group.SenderChain;
import dev.securechat.crypto.group.SenderKeyDistribution;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sender keys, state in memory: alice encrypts and signs {@code messages} broadcasts on her {@link
 * SenderChain} (HMAC chain step, HKDF, Fernet, Ed25519 signature), then bob verifies and decrypts
 * them in order with {@link ReceivedChains} (Ed25519 verification, chain step, Fernet, on a copy of
 * alice's state). As crypto.md requires, alice starts a new chain every {@value
 * SenderChain#MAX_MESSAGES} messages; bob installs it from its distribution message before the
 * chain's first broadcast. Both are timed with the side that does them (a fresh Ed25519 key pair
 * and one distribution per thousand messages); sending the distribution through each pairwise
 * session is not.
 */
final class SenderKeyWorkload implements Workload {
  private static final int ENCRYPT = 0;
  private static final int DECRYPT = 1;

  private final Party alice;
  private final int messages;
  private final byte[] payload;
  private final SecureRandom random;
  private final byte[] aliceIdentityKey;
  private final ReceivedChains bobChains = new ReceivedChains();
  private SenderChain chain;
  private int messageBytes;
  private long chains;

  SenderKeyWorkload(Party alice, int messages, byte[] payload, SecureRandom random)
      throws InvalidMessageException {
    this.alice = alice;
    this.messages = messages;
    this.payload = payload;
    this.random = random;
    this.aliceIdentityKey = alice.identityKey();
    Instant now = Instant.now();
    this.chain = SenderChain.create(random, now);
    bobChains.processDistribution(alice.name, aliceIdentityKey, chain.distribution(), now);
    chains = 1;
  }

  @Override
  public String key() {
    return "sender-keys";
  }

  @Override
  public String title() {
    return "Sender keys (broadcast), in memory: alice encrypts and signs, bob verifies and decrypts";
  }

  @Override
  public List<String> phases() {
    return List.of("alice: encrypt + sign", "bob: verify + decrypt");
  }

  @Override
  public List<View> views() {
    return List.of(
        View.of("encrypt + decrypt, one core", "broadcasts/s", ENCRYPT, DECRYPT),
        View.of("encrypt (alice)", "broadcasts/s", ENCRYPT),
        View.of("decrypt (bob, one recipient)", "broadcasts/s", DECRYPT));
  }

  @Override
  public long opsPerIteration() {
    return messages;
  }

  @Override
  public void iterate(long[] nanos) throws InvalidMessageException {
    byte[][] sent = new byte[messages][];
    SenderKeyDistribution[] newChainBefore = new SenderKeyDistribution[messages];
    long t0 = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      Instant now = Instant.now();
      if (chain.needsNewChain(now)) {
        chain.wipe();
        chain = SenderChain.create(random, now);
        newChainBefore[i] = chain.distribution();
        chains++;
      }
      sent[i] = chain.encrypt(aliceIdentityKey, payload, random, now);
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      Instant now = Instant.now();
      if (newChainBefore[i] != null) {
        bobChains.processDistribution(alice.name, aliceIdentityKey, newChainBefore[i], now);
      }
      ReceiveResult r = bobChains.decrypt(alice.name, aliceIdentityKey, sent[i], now);
      if (!(r instanceof ReceiveResult.Decrypted d)) {
        throw new IllegalStateException("bob held a broadcast of a chain he knows: " + r);
      }
      Conversation.check(payload, d.payload());
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
    facts.put("chainsUsed", chains);
    return facts;
  }
}
