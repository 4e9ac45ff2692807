package dev.securechat.crypto.group;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Ed25519;
import dev.securechat.crypto.primitives.Fernet;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sender chain as a recipient holds it: the signing key, the chain key for iteration {@code
 * next} and the message keys of skipped iterations. Mutable: {@link ReceivedChains} works on a
 * {@link #copy()} and keeps it only when a message authenticates.
 */
final class ReceiverChain {
  private static final long U32_LIMIT = 1L << 32;

  /** A message key kept for a message that has not arrived yet. */
  record SkippedKey(byte[] messageKey, Instant storedAt) {
    @Override
    public String toString() {
      return "SkippedKey[hidden]";
    }
  }

  final int chainId;
  final byte[] signingKey;
  private byte[] chainKey;
  private long next;
  private final TreeMap<Long, SkippedKey> skipped;

  private ReceiverChain(
      int chainId,
      byte[] signingKey,
      byte[] chainKey,
      long next,
      TreeMap<Long, SkippedKey> skipped) {
    this.chainId = chainId;
    this.signingKey = signingKey;
    this.chainKey = chainKey;
    this.next = next;
    this.skipped = skipped;
  }

  static ReceiverChain from(SenderKeyDistribution d) {
    return new ReceiverChain(
        d.chainId(),
        d.signingPublicKey().clone(),
        d.chainKey().clone(),
        d.iteration(),
        new TreeMap<>());
  }

  ReceiverChain copy() {
    TreeMap<Long, SkippedKey> keys = new TreeMap<>();
    skipped.forEach((i, k) -> keys.put(i, new SkippedKey(k.messageKey().clone(), k.storedAt())));
    return new ReceiverChain(chainId, signingKey.clone(), chainKey.clone(), next, keys);
  }

  /**
   * Verifies the signature first (no state is touched for a forgery), then finds or derives the
   * message key and opens the token. Mutates this chain even when the token fails, so it is called
   * only on a copy.
   */
  byte[] decrypt(SenderKeyMessage m, byte[] senderIdentityKey, Instant now)
      throws InvalidMessageException {
    if (m.chainId() != chainId || !m.verify(signingKey, senderIdentityKey)) {
      throw new InvalidMessageException("bad sender-key message");
    }
    byte[] messageKey = messageKey(m.iteration(), now);
    byte[] fernetKey = ChainKdf.fernetKey(messageKey);
    try {
      return Fernet.decrypt(fernetKey, m.token());
    } finally {
      Bytes.wipe(messageKey, fernetKey);
    }
  }

  private byte[] messageKey(long iteration, Instant now) throws InvalidMessageException {
    if (iteration < next) {
      // A key used once is removed, so a second delivery of the same message lands here: replay.
      SkippedKey k = skipped.remove(iteration);
      if (k == null) {
        throw new InvalidMessageException("replayed or expired sender-key message");
      }
      return k.messageKey();
    }
    if (iteration - next > ReceivedChains.MAX_SKIP) {
      throw new InvalidMessageException("sender-key message too far ahead");
    }
    while (next < iteration) {
      skipped.put(next, new SkippedKey(ChainKdf.messageKey(chainKey), now));
      step();
    }
    byte[] messageKey = ChainKdf.messageKey(chainKey);
    step();
    while (skipped.size() > ReceivedChains.MAX_SKIPPED_KEYS_PER_CHAIN) {
      // The oldest iterations are the least likely still to arrive.
      Bytes.wipe(skipped.pollFirstEntry().getValue().messageKey());
    }
    return messageKey;
  }

  private void step() {
    byte[] following = ChainKdf.nextChainKey(chainKey);
    Bytes.wipe(chainKey);
    chainKey = following;
    next++;
  }

  void purge(Instant now) {
    var it = skipped.entrySet().iterator();
    while (it.hasNext()) {
      SkippedKey k = it.next().getValue();
      if (!now.isBefore(k.storedAt().plus(ReceivedChains.MAX_AGE))) {
        Bytes.wipe(k.messageKey());
        it.remove();
      }
    }
  }

  int skippedCount() {
    return skipped.size();
  }

  void wipe() {
    Bytes.wipe(chainKey);
    skipped.values().forEach(k -> Bytes.wipe(k.messageKey()));
  }

  /**
   * {@code chain id (u32) || signing key (32) || CK (32) || next iteration (u64) || count (u16) ||
   * count x (iteration (u32) || stored (u64 epoch ms) || mk (32))}, skipped keys in ascending
   * iteration order.
   */
  void writeTo(Bytes out) {
    out.u32(Integer.toUnsignedLong(chainId)).raw(signingKey).raw(chainKey).u64(next);
    out.u8(skipped.size() >>> 8).u8(skipped.size() & 0xFF);
    for (Map.Entry<Long, SkippedKey> e : skipped.entrySet()) {
      out.u32(e.getKey())
          .u64(e.getValue().storedAt().toEpochMilli())
          .raw(e.getValue().messageKey());
    }
  }

  static ReceiverChain readFrom(ByteReader r) throws InvalidMessageException {
    int chainId = (int) r.u32();
    byte[] signingKey = r.bytes(Ed25519.KEY_BYTES);
    byte[] chainKey = r.bytes(ChainKdf.KEY_BYTES);
    long next = r.u64();
    int count = r.u16();
    if (next < 0 || next > U32_LIMIT || count > ReceivedChains.MAX_SKIPPED_KEYS_PER_CHAIN) {
      throw new InvalidMessageException("bad received chains");
    }
    TreeMap<Long, SkippedKey> skipped = new TreeMap<>();
    long previous = -1;
    for (int i = 0; i < count; i++) {
      long iteration = r.u32();
      Instant storedAt = r.epochMillis();
      byte[] messageKey = r.bytes(ChainKdf.KEY_BYTES);
      if (iteration <= previous || iteration >= next) {
        throw new InvalidMessageException("bad received chains");
      }
      previous = iteration;
      skipped.put(iteration, new SkippedKey(messageKey, storedAt));
    }
    return new ReceiverChain(chainId, signingKey, chainKey, next, skipped);
  }

  @Override
  public String toString() {
    return "ReceiverChain[chainId=" + Integer.toUnsignedString(chainId) + ", keys hidden]";
  }
}
