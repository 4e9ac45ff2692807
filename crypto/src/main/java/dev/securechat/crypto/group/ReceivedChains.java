package dev.securechat.crypto.group;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recipient's sender-key chains, keyed by (sender, chain id), with the rules of crypto.md:
 *
 * <ul>
 *   <li>a signing key bound to one sender is refused for another, and a known chain id with a
 *       different signing key is refused;
 *   <li>an iteration is accepted at most {@link #MAX_SKIP} past the next expected one (the
 *       distribution's iteration, or the newest decrypted plus one), so one message skips at most
 *       1,000 message keys; the skipped keys are kept, at most {@link #MAX_SKIPPED_KEYS_PER_CHAIN}
 *       per chain and {@link #MAX_AGE}, so late messages still open;
 *   <li>each message key opens one message: a replay is refused;
 *   <li>a broadcast whose chain is unknown is held, at most {@link #MAX_HELD_PER_SENDER} per sender
 *       and {@link #MAX_AGE}, and released when the distribution arrives.
 * </ul>
 *
 * <p>Every operation works on a copy of the sender's state and commits it only on success: a
 * rejected message leaves this object exactly as it was. {@code sender} is always the canonical
 * name of the pairwise session's peer or of the envelope's authenticated sender, never a name taken
 * from inside a message. Not thread-safe.
 */
public final class ReceivedChains {
  public static final int MAX_SKIP = 1000;
  public static final int MAX_SKIPPED_KEYS_PER_CHAIN = 2000;

  /** Older chains of a sender are dropped: a sender starts a new chain at least weekly. */
  public static final int MAX_CHAINS_PER_SENDER = 5;

  public static final int MAX_HELD_PER_SENDER = 100;

  /** How long skipped message keys and held broadcasts are kept. */
  public static final Duration MAX_AGE = Duration.ofDays(7);

  static final int VERSION = 0x01;

  /** The broadcasts a distribution message released, and how many of them did not verify. */
  public record Released(List<ReceiveResult.Decrypted> messages, int rejected) {
    public Released {
      messages = List.copyOf(messages);
    }
  }

  private final TreeMap<String, SenderState> senders;

  public ReceivedChains() {
    this(new TreeMap<>());
  }

  private ReceivedChains(TreeMap<String, SenderState> senders) {
    this.senders = senders;
  }

  /**
   * Installs a sender's chain from a distribution message that arrived in the pairwise session with
   * {@code sender}, then releases the broadcasts held for it, in iteration order. A repeated
   * distribution of a known chain (same id and key) changes nothing: going back to its iteration
   * would reopen messages already read.
   *
   * @param senderIdentityKey the identity key pinned for {@code sender}, which held broadcasts must
   *     be signed for
   */
  public Released processDistribution(
      String sender, byte[] senderIdentityKey, SenderKeyDistribution distribution, Instant now)
      throws InvalidMessageException {
    checkSender(sender);
    for (Map.Entry<String, SenderState> e : senders.entrySet()) {
      if (!e.getKey().equals(sender)) {
        for (ReceiverChain c : e.getValue().chains) {
          if (Arrays.equals(c.signingKey, distribution.signingPublicKey())) {
            throw new InvalidMessageException("signing key bound to another sender");
          }
        }
      }
    }
    SenderState work = workingCopy(sender);
    work.purge(now);
    ReceiverChain chain = work.chain(distribution.chainId());
    if (chain != null && !Arrays.equals(chain.signingKey, distribution.signingPublicKey())) {
      work.wipe();
      throw new InvalidMessageException("chain id reused with another signing key");
    }
    if (chain == null) {
      chain = ReceiverChain.from(distribution);
      work.install(chain);
    }
    List<ReceiveResult.Decrypted> released = new ArrayList<>();
    int rejected = 0;
    for (SenderState.HeldMessage h : work.takeHeld(distribution.chainId())) {
      ReceiverChain attempt = chain.copy();
      try {
        byte[] payload = attempt.decrypt(h.message(), senderIdentityKey, now);
        work.replace(chain, attempt);
        chain = attempt;
        released.add(decrypted(sender, h.message(), payload));
      } catch (InvalidMessageException e) {
        // A held broadcast was never authenticated; one that fails now is dropped and counted,
        // exactly as if it had arrived after the distribution.
        attempt.wipe();
        rejected++;
      }
    }
    commit(sender, work);
    return new Released(released, rejected);
  }

  /**
   * Verifies and decrypts one broadcast from {@code sender}, or holds it when its chain is not
   * known yet.
   *
   * @param senderIdentityKey the identity key pinned for {@code sender}
   * @throws InvalidMessageException for a malformed, forged, replayed, expired or too-far-ahead
   *     message, or when {@link #MAX_HELD_PER_SENDER} are already held; the state is unchanged
   */
  public ReceiveResult decrypt(String sender, byte[] senderIdentityKey, byte[] message, Instant now)
      throws InvalidMessageException {
    checkSender(sender);
    SenderKeyMessage m = SenderKeyMessage.parse(message);
    SenderState work = workingCopy(sender);
    work.purge(now);
    ReceiverChain chain = work.chain(m.chainId());
    if (chain == null) {
      if (work.held.stream().noneMatch(h -> h.message().equals(m))) {
        if (work.held.size() >= MAX_HELD_PER_SENDER) {
          work.wipe();
          throw new InvalidMessageException("too many held sender-key messages");
        }
        work.held.add(new SenderState.HeldMessage(m, now));
      }
      commit(sender, work);
      return new ReceiveResult.Held(sender, m.chainId(), m.iteration());
    }
    byte[] payload;
    try {
      payload = chain.decrypt(m, senderIdentityKey, now);
    } catch (InvalidMessageException e) {
      work.wipe();
      throw e;
    }
    commit(sender, work);
    return decrypted(sender, m, payload);
  }

  /** Drops expired skipped keys and held broadcasts of every sender. */
  public void purgeExpired(Instant now) {
    senders.values().forEach(s -> s.purge(now));
    senders.values().removeIf(SenderState::isEmpty);
  }

  /** Forgets everything about a sender, for instance when its identity key changed. */
  public void forget(String sender) {
    SenderState s = senders.remove(sender);
    if (s != null) {
      s.wipe();
    }
  }

  public boolean hasChain(String sender, int chainId) {
    SenderState s = senders.get(sender);
    return s != null && s.chain(chainId) != null;
  }

  public int heldCount(String sender) {
    SenderState s = senders.get(sender);
    return s == null ? 0 : s.held.size();
  }

  /** Skipped message keys kept for one chain, for tests and diagnostics. */
  public int skippedKeyCount(String sender, int chainId) {
    SenderState s = senders.get(sender);
    ReceiverChain c = s == null ? null : s.chain(chainId);
    return c == null ? 0 : c.skippedCount();
  }

  public ReceivedChains copy() {
    TreeMap<String, SenderState> c = new TreeMap<>();
    senders.forEach((name, s) -> c.put(name, s.copy()));
    return new ReceivedChains(c);
  }

  public void wipe() {
    senders.values().forEach(SenderState::wipe);
  }

  /** {@code 0x01 || sender count (u32) || count x (lp(sender) || sender state)}, names sorted. */
  public byte[] serialize() {
    Bytes out = Bytes.start().u8(VERSION).u32(senders.size());
    senders.forEach(
        (name, s) -> {
          out.lp(name.getBytes(StandardCharsets.UTF_8));
          s.writeTo(out);
        });
    return out.build();
  }

  public static ReceivedChains parse(byte[] bytes) throws InvalidMessageException {
    ByteReader r = new ByteReader(bytes, "received chains");
    if (r.u8() != VERSION) {
      throw new InvalidMessageException("bad received chains");
    }
    long count = r.u32();
    TreeMap<String, SenderState> senders = new TreeMap<>();
    String previous = null;
    for (long i = 0; i < count; i++) {
      byte[] raw = r.bytes(r.u8());
      String name = new String(raw, StandardCharsets.UTF_8);
      // Valid UTF-8 and strictly ascending names: no duplicates, one state has one encoding.
      if (name.isEmpty()
          || !Arrays.equals(name.getBytes(StandardCharsets.UTF_8), raw)
          || (previous != null && previous.compareTo(name) >= 0)) {
        throw new InvalidMessageException("bad received chains");
      }
      previous = name;
      senders.put(name, SenderState.readFrom(r));
    }
    r.end();
    return new ReceivedChains(senders);
  }

  private SenderState workingCopy(String sender) {
    SenderState s = senders.get(sender);
    return s == null ? new SenderState() : s.copy();
  }

  private void commit(String sender, SenderState work) {
    SenderState old = work.isEmpty() ? senders.remove(sender) : senders.put(sender, work);
    if (old != null) {
      old.wipe();
    }
  }

  private static ReceiveResult.Decrypted decrypted(
      String sender, SenderKeyMessage m, byte[] payload) {
    return new ReceiveResult.Decrypted(sender, m.chainId(), m.iteration(), payload);
  }

  private static void checkSender(String sender) {
    int length = sender.getBytes(StandardCharsets.UTF_8).length;
    if (length == 0 || length > 0xFF) {
      throw new IllegalArgumentException("sender must be a canonical username");
    }
  }

  @Override
  public String toString() {
    return "ReceivedChains[" + senders.size() + " senders, keys hidden]";
  }
}
