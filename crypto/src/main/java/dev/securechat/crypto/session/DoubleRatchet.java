package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Fernet;
import dev.securechat.crypto.primitives.Hashes;
import dev.securechat.crypto.primitives.X25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The Double Ratchet with crypto.md's parameters. Every method changes the state it is given, so
 * callers pass a {@link RatchetState#copy()} and keep it only if the call returns normally: a
 * forged or replayed message then leaves the session exactly as it was.
 */
final class DoubleRatchet {
  static final int MAX_SKIP = 1000;
  static final int MAX_SKIPPED_KEYS = 2000;
  static final Duration SKIPPED_KEY_LIFETIME = Duration.ofDays(7);
  static final int DIGEST = 32;

  private static final byte[] RATCHET_INFO = ascii("SecureChat v1 ratchet");
  private static final byte[] FERNET_INFO = ascii("SecureChat v1 fernet");
  private static final byte[] MESSAGE_LABEL = ascii("SC1-MSG");
  private static final byte[] ZERO_SALT = new byte[32];
  private static final byte[] MESSAGE_KEY_INPUT = {0x01};
  private static final byte[] CHAIN_KEY_INPUT = {0x02};
  private static final long MAX_COUNTER = 0xFFFF_FFFFL;

  /** One encrypted message: its header and Fernet token. */
  record Sealed(Header header, byte[] token) {}

  private DoubleRatchet() {}

  /** Alice: RK = SK, DHs fresh, (RK, CKs) = KDF_RK(SK, X25519(DHs, SPK_B)). */
  static RatchetState initiator(byte[] sk, byte[] ad, byte[] spkB, SecureRandom random)
      throws InvalidMessageException {
    X25519.KeyPair dhs = X25519.generate(random);
    byte[] dh = X25519.agree(dhs.privateKey(), spkB);
    byte[][] rootAndChain = kdfRk(sk, dh);
    Bytes.wipe(dh);
    return new RatchetState(
        ad.clone(),
        rootAndChain[0],
        dhs.privateKey(),
        dhs.publicKey(),
        spkB.clone(),
        rootAndChain[1],
        0,
        0,
        null,
        0,
        new ArrayList<>());
  }

  /** Bob: RK = SK, DHs = the SPK_B key pair copied into the session; no chain yet. */
  static RatchetState responder(byte[] sk, byte[] ad, X25519.KeyPair spk) {
    return new RatchetState(
        ad.clone(),
        sk.clone(),
        spk.privateKey().clone(),
        spk.publicKey().clone(),
        null,
        null,
        0,
        0,
        null,
        0,
        new ArrayList<>());
  }

  static Sealed encrypt(RatchetState s, byte[] plaintext, SecureRandom random, Instant now) {
    if (s.cks == null || s.ns >= MAX_COUNTER) {
      // A committed session always has a sending chain (responders commit only after a DH
      // ratchet step), and 2^32 messages on one chain is not a real conversation.
      throw new IllegalStateException("this session cannot send");
    }
    dropExpired(s, now);
    Header header = new Header(s.dhsPublic.clone(), s.pn, s.ns);
    byte[] mk = stepSendingChain(s);
    byte[] fk = Hashes.hkdf(ZERO_SALT, mk, FERNET_INFO, Fernet.KEY_BYTES);
    byte[] inner = Bytes.concat(innerHash(s.associatedData, header), plaintext);
    byte[] token = Fernet.encrypt(fk, inner, random, now.getEpochSecond());
    Bytes.wipe(mk, fk, inner);
    return new Sealed(header, token);
  }

  private static byte[] stepSendingChain(RatchetState s) {
    byte[] mk = Hashes.hmacSha256(s.cks, MESSAGE_KEY_INPUT);
    byte[] next = Hashes.hmacSha256(s.cks, CHAIN_KEY_INPUT);
    Bytes.wipe(s.cks);
    s.cks = next;
    s.ns++;
    return mk;
  }

  /**
   * Decrypts in crypto.md's order: the MAX_SKIP bounds on N and PN first, then the Fernet HMAC,
   * then the inner hash. The used message key is gone from {@code s} afterwards.
   */
  static byte[] decrypt(RatchetState s, Header h, byte[] token, SecureRandom random, Instant now)
      throws InvalidMessageException {
    dropExpired(s, now);
    byte[] mk = takeSkipped(s, h);
    if (mk == null) {
      boolean newChain = s.dhr == null || !MessageDigest.isEqual(h.ratchetKey(), s.dhr);
      if (newChain) {
        if ((s.ckr != null && h.previousChainLength() - s.nr > MAX_SKIP)
            || h.messageNumber() > MAX_SKIP) {
          throw failure();
        }
        skipUntil(s, h.previousChainLength(), now);
        ratchetStep(s, h.ratchetKey(), random);
      } else if (s.ckr == null || h.messageNumber() < s.nr || h.messageNumber() - s.nr > MAX_SKIP) {
        // Older than the chain and not among the skipped keys: a replay or a used key.
        throw failure();
      }
      skipUntil(s, h.messageNumber(), now);
      mk = Hashes.hmacSha256(s.ckr, MESSAGE_KEY_INPUT);
      byte[] next = Hashes.hmacSha256(s.ckr, CHAIN_KEY_INPUT);
      Bytes.wipe(s.ckr);
      s.ckr = next;
      s.nr++;
    }
    byte[] fk = Hashes.hkdf(ZERO_SALT, mk, FERNET_INFO, Fernet.KEY_BYTES);
    Bytes.wipe(mk);
    byte[] inner;
    try {
      inner = Fernet.decrypt(fk, token);
    } finally {
      Bytes.wipe(fk);
    }
    byte[] expected = innerHash(s.associatedData, h);
    if (inner.length < DIGEST || !MessageDigest.isEqual(expected, Arrays.copyOf(inner, DIGEST))) {
      Bytes.wipe(inner);
      throw failure();
    }
    byte[] plaintext = Arrays.copyOfRange(inner, DIGEST, inner.length);
    Bytes.wipe(inner);
    return plaintext;
  }

  private static byte[] takeSkipped(RatchetState s, Header h) {
    for (Iterator<RatchetState.SkippedKey> it = s.skipped.iterator(); it.hasNext(); ) {
      RatchetState.SkippedKey k = it.next();
      if (k.messageNumber() == h.messageNumber()
          && MessageDigest.isEqual(k.ratchetKey(), h.ratchetKey())) {
        it.remove();
        return k.messageKey();
      }
    }
    return null;
  }

  private static void skipUntil(RatchetState s, long until, Instant now) {
    if (s.ckr == null) {
      return;
    }
    while (s.nr < until) {
      byte[] mk = Hashes.hmacSha256(s.ckr, MESSAGE_KEY_INPUT);
      byte[] next = Hashes.hmacSha256(s.ckr, CHAIN_KEY_INPUT);
      Bytes.wipe(s.ckr);
      s.ckr = next;
      s.skipped.add(new RatchetState.SkippedKey(s.dhr.clone(), s.nr, mk, now.getEpochSecond()));
      s.nr++;
      if (s.skipped.size() > MAX_SKIPPED_KEYS) {
        Bytes.wipe(s.skipped.removeFirst().messageKey());
      }
    }
  }

  private static void ratchetStep(RatchetState s, byte[] theirKey, SecureRandom random)
      throws InvalidMessageException {
    s.pn = s.ns;
    s.ns = 0;
    s.nr = 0;
    s.dhr = theirKey.clone();
    byte[] dh = X25519.agree(s.dhsPrivate, s.dhr);
    byte[][] receiving = kdfRk(s.rootKey, dh);
    Bytes.wipe(dh, s.rootKey, s.ckr, s.dhsPrivate);
    X25519.KeyPair fresh = X25519.generate(random);
    s.dhsPrivate = fresh.privateKey();
    s.dhsPublic = fresh.publicKey();
    dh = X25519.agree(s.dhsPrivate, s.dhr);
    byte[][] sending = kdfRk(receiving[0], dh);
    Bytes.wipe(dh, receiving[0], s.cks);
    s.ckr = receiving[1];
    s.rootKey = sending[0];
    s.cks = sending[1];
  }

  // Skipped keys older than crypto.md's 7 days are deleted, so a late message stays unreadable.
  private static void dropExpired(RatchetState s, Instant now) {
    long oldest = now.getEpochSecond() - SKIPPED_KEY_LIFETIME.toSeconds();
    s.skipped.removeIf(
        k -> {
          boolean expired = k.storedAt() <= oldest;
          if (expired) {
            Bytes.wipe(k.messageKey());
          }
          return expired;
        });
  }

  /** KDF_RK(rk, dh) = HKDF(salt = rk, IKM = dh, "SecureChat v1 ratchet", 64): new RK, CK. */
  private static byte[][] kdfRk(byte[] rk, byte[] dh) {
    byte[] out = Hashes.hkdf(rk, dh, RATCHET_INFO, 64);
    byte[][] split = {Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64)};
    Bytes.wipe(out);
    return split;
  }

  private static byte[] innerHash(byte[] ad, Header h) {
    return Hashes.sha256(MESSAGE_LABEL, ad, h.encode());
  }

  private static InvalidMessageException failure() {
    return new InvalidMessageException(PairwiseMessage.ERROR);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
