package dev.securechat.crypto.group;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Ed25519;
import dev.securechat.crypto.primitives.Fernet;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * The user's own sender-key chain for the broadcast conversation: a random u32 chain id, the
 * iteration of the next message, the chain key for that iteration and an Ed25519 signing key pair.
 *
 * <p>{@link #encrypt} advances the chain in place; the caller stores the chain and the finished
 * message in one transaction before sending (crypto.md), and sends the same bytes on a retry.
 * Before every broadcast the caller asks {@link #needsNewChain}; when it answers true, the caller
 * starts a new chain with {@link #create} and distributes it to every recipient first. Encrypting
 * on an old chain is not refused here, because receivers accept it, but it breaks the rotation
 * promise of crypto.md.
 */
public final class SenderChain {
  /** A chain carries at most this many messages (crypto.md). */
  public static final int MAX_MESSAGES = 1000;

  /** A chain is used for at most this long (crypto.md). */
  public static final Duration MAX_AGE = Duration.ofDays(7);

  static final int VERSION = 0x01;
  static final int SERIALIZED_BYTES = 1 + 4 + 8 + 32 + 32 + 32 + 8 + 1;
  private static final long U32_LIMIT = 1L << 32;

  private final int chainId;
  private long iteration;
  private byte[] chainKey;
  private final byte[] signingPublicKey;
  private final byte[] signingPrivateKey;
  private final Instant createdAt;
  private boolean newChainRequested;

  private SenderChain(
      int chainId,
      long iteration,
      byte[] chainKey,
      byte[] signingPublicKey,
      byte[] signingPrivateKey,
      Instant createdAt,
      boolean newChainRequested) {
    this.chainId = chainId;
    this.iteration = iteration;
    this.chainKey = chainKey;
    this.signingPublicKey = signingPublicKey;
    this.signingPrivateKey = signingPrivateKey;
    this.createdAt = createdAt;
    this.newChainRequested = newChainRequested;
  }

  /** A fresh chain: random id, iteration 0, random CK, a new signing key pair. */
  public static SenderChain create(SecureRandom random, Instant now) {
    byte[] chainKey = new byte[ChainKdf.KEY_BYTES];
    random.nextBytes(chainKey);
    Ed25519.KeyPair signing = Ed25519.generate(random);
    return new SenderChain(
        random.nextInt(), 0, chainKey, signing.publicKey(), signing.privateKey(), now, false);
  }

  /** Unsigned u32 carried in an int. */
  public int chainId() {
    return chainId;
  }

  /** The iteration the next message will carry; also the number of messages sent so far. */
  public long iteration() {
    return iteration;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /**
   * The chain's current state for a recipient: it reads messages from {@link #iteration()} on,
   * never earlier ones. Send it inside the pairwise session before that recipient's next broadcast.
   */
  public SenderKeyDistribution distribution() {
    if (iteration >= U32_LIMIT) {
      throw new IllegalStateException("chain exhausted");
    }
    return new SenderKeyDistribution(
        chainId, iteration, chainKey.clone(), signingPublicKey.clone());
  }

  /**
   * Encrypts and signs one broadcast and advances the chain; the message key is wiped at once.
   *
   * @param ownIdentityKey this user's identity public key (the 294-byte SPKI); its SHA-256 is
   *     signed so that the message cannot pass as another user's
   * @return {@code body || sig}, see {@link SenderKeyMessage}
   */
  public byte[] encrypt(byte[] ownIdentityKey, byte[] payload, SecureRandom random, Instant now) {
    if (iteration >= U32_LIMIT) {
      throw new IllegalStateException("chain exhausted");
    }
    byte[] messageKey = ChainKdf.messageKey(chainKey);
    byte[] fernetKey = ChainKdf.fernetKey(messageKey);
    try {
      byte[] token = Fernet.encrypt(fernetKey, payload, random, now.getEpochSecond());
      byte[] body =
          Bytes.start()
              .u8(SenderKeyMessage.VERSION)
              .u32(Integer.toUnsignedLong(chainId))
              .u32(iteration)
              .raw(token)
              .build();
      byte[] signature =
          Ed25519.sign(signingPrivateKey, SenderKeyMessage.signingInput(ownIdentityKey, body));
      advance();
      return Bytes.concat(body, signature);
    } finally {
      Bytes.wipe(messageKey, fernetKey);
    }
  }

  /**
   * True once the chain has carried {@link #MAX_MESSAGES} messages, is {@link #MAX_AGE} old, or
   * {@link #requestNewChain()} was called.
   */
  public boolean needsNewChain(Instant now) {
    return newChainRequested || iteration >= MAX_MESSAGES || !now.isBefore(createdAt.plus(MAX_AGE));
  }

  /**
   * Marks the chain for replacement before the next broadcast. The caller calls it when a
   * recipient's identity key changes: the new key's holder must not read this chain's later
   * messages. The mark is part of the serialized state, so it survives a restart.
   */
  public void requestNewChain() {
    newChainRequested = true;
  }

  public SenderChain copy() {
    return new SenderChain(
        chainId,
        iteration,
        chainKey.clone(),
        signingPublicKey.clone(),
        signingPrivateKey.clone(),
        createdAt,
        newChainRequested);
  }

  /** Overwrites the chain key and the signing private key; the chain is unusable afterwards. */
  public void wipe() {
    Bytes.wipe(chainKey, signingPrivateKey);
  }

  /**
   * {@code 0x01 || chain id (u32) || iteration (u64) || CK (32) || signing public (32) || signing
   * private seed (32) || created (u64 epoch ms) || flags (u8, bit 0 = new chain requested)}.
   */
  public byte[] serialize() {
    return Bytes.start()
        .u8(VERSION)
        .u32(Integer.toUnsignedLong(chainId))
        .u64(iteration)
        .raw(chainKey)
        .raw(signingPublicKey)
        .raw(signingPrivateKey)
        .u64(createdAt.toEpochMilli())
        .u8(newChainRequested ? 1 : 0)
        .build();
  }

  public static SenderChain parse(byte[] bytes) throws InvalidMessageException {
    if (bytes == null || bytes.length != SERIALIZED_BYTES) {
      throw new InvalidMessageException("bad sender chain");
    }
    ByteReader r = new ByteReader(bytes, "sender chain");
    if (r.u8() != VERSION) {
      throw new InvalidMessageException("bad sender chain");
    }
    int chainId = (int) r.u32();
    long iteration = r.u64();
    byte[] chainKey = r.bytes(ChainKdf.KEY_BYTES);
    byte[] signingPublic = r.bytes(Ed25519.KEY_BYTES);
    byte[] signingPrivate = r.bytes(Ed25519.KEY_BYTES);
    Instant createdAt = r.epochMillis();
    int flags = r.u8();
    r.end();
    if (iteration < 0 || iteration > U32_LIMIT || (flags & ~1) != 0) {
      throw new InvalidMessageException("bad sender chain");
    }
    return new SenderChain(
        chainId, iteration, chainKey, signingPublic, signingPrivate, createdAt, flags == 1);
  }

  private void advance() {
    byte[] next = ChainKdf.nextChainKey(chainKey);
    Bytes.wipe(chainKey);
    chainKey = next;
    iteration++;
  }

  @Override
  public String toString() {
    return "SenderChain[chainId="
        + Integer.toUnsignedString(chainId)
        + ", iteration="
        + iteration
        + ", keys hidden]";
  }
}
