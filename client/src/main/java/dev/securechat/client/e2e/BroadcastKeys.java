package dev.securechat.client.e2e;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.group.ReceiveResult;
import dev.securechat.crypto.group.ReceivedChains;
import dev.securechat.crypto.group.SenderChain;
import dev.securechat.crypto.group.SenderKeyDistribution;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Sender keys for broadcasts: this account's own chain (replaced on crypto.md's schedule) with the
 * peers it was already distributed to, and the chains received from others.
 */
final class BroadcastKeys {
  static final String OWN_CHAIN = "sender-chain";
  static final String RECEIVED = "received-chains";
  static final String DISTRIBUTED = "distributed";

  private final KeyVault vault;
  private final SecureRandom random;
  private final Clock clock;
  private SenderChain own;
  private ReceivedChains received;

  BroadcastKeys(KeyVault vault, SecureRandom random, Clock clock) throws InvalidMessageException {
    this.vault = vault;
    this.random = random;
    this.clock = clock;
    Optional<byte[]> ownBytes = vault.secrets().get(OWN_CHAIN, "");
    this.own = ownBytes.isPresent() ? SenderChain.parse(ownBytes.get()) : null;
    Optional<byte[]> receivedBytes = vault.secrets().get(RECEIVED, "");
    this.received =
        receivedBytes.isPresent()
            ? ReceivedChains.parse(receivedBytes.get())
            : new ReceivedChains();
  }

  /** The chain to broadcast with now, a new one when the old is due (1,000 messages, 7 days). */
  synchronized SenderChain currentChain() {
    if (own == null || own.needsNewChain(clock.instant())) {
      own = SenderChain.create(random, clock.instant());
    }
    return own;
  }

  /** A recipient's identity key changed: the next broadcast starts a new chain. */
  synchronized void replaceChainSoon() {
    if (own != null) {
      own.requestNewChain();
    }
  }

  /**
   * Encrypts one broadcast and returns the bytes; save with {@link #saveOwn} in the same commit.
   */
  synchronized byte[] encrypt(byte[] payload) {
    return currentChain().encrypt(vault.identity().publicKey(), payload, random, clock.instant());
  }

  synchronized void saveOwn() {
    vault.secrets().put(OWN_CHAIN, "", own.serialize());
  }

  /** Whether {@code peer} has already been sent the current chain. */
  boolean distributedTo(String peer, int chainId) {
    return vault
        .secrets()
        .get(DISTRIBUTED, peer)
        .map(b -> ByteBuffer.wrap(b).getInt() == chainId)
        .orElse(false);
  }

  void markDistributed(String peer, int chainId) {
    vault.secrets().put(DISTRIBUTED, peer, ByteBuffer.allocate(4).putInt(chainId).array());
  }

  /** Installs a peer's chain; returns broadcasts that were held waiting for it. */
  synchronized ReceivedChains.Released install(
      String sender, byte[] senderIdentityKey, byte[] distribution) throws InvalidMessageException {
    ReceivedChains next = received.copy();
    ReceivedChains.Released released =
        next.processDistribution(
            sender, senderIdentityKey, SenderKeyDistribution.parse(distribution), clock.instant());
    vault.secrets().put(RECEIVED, "", next.serialize());
    received = next;
    return released;
  }

  /** Decrypts a broadcast (or holds it until its chain arrives) and saves the new state. */
  synchronized ReceiveResult decrypt(String sender, byte[] senderIdentityKey, byte[] message)
      throws InvalidMessageException {
    ReceivedChains next = received.copy();
    ReceiveResult result = next.decrypt(sender, senderIdentityKey, message, clock.instant());
    vault.secrets().put(RECEIVED, "", next.serialize());
    received = next;
    return result;
  }
}
