package dev.securechat.crypto.group;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Everything a recipient keeps for one sender: its chains, oldest first, and held broadcasts. */
final class SenderState {
  /** A broadcast that arrived before its distribution message, in arrival order. */
  record HeldMessage(SenderKeyMessage message, Instant receivedAt) {}

  final List<ReceiverChain> chains;
  final List<HeldMessage> held;

  SenderState() {
    this(new ArrayList<>(), new ArrayList<>());
  }

  private SenderState(List<ReceiverChain> chains, List<HeldMessage> held) {
    this.chains = chains;
    this.held = held;
  }

  /** Deep for key material; held messages are immutable in practice and shared. */
  SenderState copy() {
    List<ReceiverChain> c = new ArrayList<>(chains.size());
    chains.forEach(chain -> c.add(chain.copy()));
    return new SenderState(c, new ArrayList<>(held));
  }

  ReceiverChain chain(int chainId) {
    for (ReceiverChain c : chains) {
      if (c.chainId == chainId) {
        return c;
      }
    }
    return null;
  }

  /** Adds a chain, dropping (and wiping) the oldest beyond the per-sender limit. */
  void install(ReceiverChain chain) {
    chains.add(chain);
    while (chains.size() > ReceivedChains.MAX_CHAINS_PER_SENDER) {
      chains.removeFirst().wipe();
    }
  }

  void replace(ReceiverChain old, ReceiverChain updated) {
    chains.set(chains.indexOf(old), updated);
    old.wipe();
  }

  /** Removes and returns the held messages of one chain, in ascending iteration order. */
  List<HeldMessage> takeHeld(int chainId) {
    List<HeldMessage> taken = new ArrayList<>();
    held.removeIf(
        h -> {
          boolean match = h.message().chainId() == chainId;
          if (match) {
            taken.add(h);
          }
          return match;
        });
    // Stable sort: two held copies of one iteration keep their arrival order.
    taken.sort(Comparator.comparingLong(h -> h.message().iteration()));
    return taken;
  }

  void purge(Instant now) {
    chains.forEach(c -> c.purge(now));
    held.removeIf(h -> !now.isBefore(h.receivedAt().plus(ReceivedChains.MAX_AGE)));
  }

  boolean isEmpty() {
    return chains.isEmpty() && held.isEmpty();
  }

  void wipe() {
    chains.forEach(ReceiverChain::wipe);
  }

  /**
   * {@code chain count (u8) || chains || held count (u8) || held x (received (u64 epoch ms) ||
   * length (u32) || message bytes)}.
   */
  void writeTo(Bytes out) {
    out.u8(chains.size());
    chains.forEach(c -> c.writeTo(out));
    out.u8(held.size());
    for (HeldMessage h : held) {
      byte[] m = h.message().serialize();
      out.u64(h.receivedAt().toEpochMilli()).u32(m.length).raw(m);
    }
  }

  static SenderState readFrom(ByteReader r) throws InvalidMessageException {
    SenderState s = new SenderState();
    int chainCount = r.u8();
    if (chainCount > ReceivedChains.MAX_CHAINS_PER_SENDER) {
      throw new InvalidMessageException("bad received chains");
    }
    for (int i = 0; i < chainCount; i++) {
      ReceiverChain c = ReceiverChain.readFrom(r);
      if (s.chain(c.chainId) != null) {
        throw new InvalidMessageException("bad received chains");
      }
      s.chains.add(c);
    }
    int heldCount = r.u8();
    if (heldCount > ReceivedChains.MAX_HELD_PER_SENDER) {
      throw new InvalidMessageException("bad received chains");
    }
    for (int i = 0; i < heldCount; i++) {
      Instant receivedAt = r.epochMillis();
      long length = r.u32();
      if (length > SenderKeyMessage.MAX_BYTES) {
        throw new InvalidMessageException("bad received chains");
      }
      s.held.add(new HeldMessage(SenderKeyMessage.parse(r.bytes((int) length)), receivedAt));
    }
    if (s.isEmpty()) {
      throw new InvalidMessageException("bad received chains");
    }
    return s;
  }
}
