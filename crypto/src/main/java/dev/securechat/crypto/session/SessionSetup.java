package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.keys.PreKeySet;
import dev.securechat.crypto.keys.PreKeys;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.keys.SignedPreKey;
import dev.securechat.crypto.keys.VerifiedBundle;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Hashes;
import dev.securechat.crypto.primitives.MlKem768;
import dev.securechat.crypto.primitives.Rsa;
import dev.securechat.crypto.primitives.X25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Asynchronous session setup (crypto.md "Session setup"): X25519 with SPK and maybe an OPK,
 * ML-KEM-768 with KPK, RSA-OAEP with RPK, all bound by T and SIG_A.
 */
final class SessionSetup {
  private static final byte[] SESSION_INFO =
      "SecureChat v1 session".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZERO_SALT = new byte[32];
  private static final int SECRET = 32;

  /** The initiator's new session and the fields to attach until the peer answers. */
  record Initiated(RatchetState state, Initiation initiation) {}

  /**
   * The responder's new session, not yet committed, and what to commit with it. {@code legFailed}:
   * some leg failed and was replaced by random bytes; the caller still runs the first message
   * through the session, then refuses, so every failure looks the same.
   */
  record Responded(RatchetState state, InitiationCommit commit, boolean legFailed) {}

  /** The responder's keys that T names, looked up by the ids the initiation gives. */
  private record ResponderKeys(byte[] spk, byte[] kpk, byte[] rpk, Optional<byte[]> opk) {}

  private SessionSetup() {}

  static Initiated initiate(
      String ownUsername, IdentityKeys own, VerifiedBundle verified, SecureRandom random)
      throws InvalidMessageException {
    PublicBundle b = verified.bundle();
    SignedPreKey spk = b.signedPreKey();
    X25519.KeyPair ek = X25519.generate(random);
    byte[] dh1 = null;
    byte[] dh2 = null;
    byte[] ss = null;
    byte[] r = new byte[SECRET];
    byte[] sk = null;
    try {
      dh1 = X25519.agree(ek.privateKey(), spk.publicKey());
      if (b.oneTimePreKey().isPresent()) {
        dh2 = X25519.agree(ek.privateKey(), b.oneTimePreKey().get().publicKey());
      }
      MlKem768.Encapsulated kem = MlKem768.encapsulate(b.kemPreKey().publicKey(), random);
      ss = kem.sharedSecret();
      random.nextBytes(r);
      byte[] ctRsa = Rsa.encrypt(b.rsaPreKey().publicKey(), r, random);
      OptionalInt opkId =
          b.oneTimePreKey().map(k -> OptionalInt.of(k.id())).orElse(OptionalInt.empty());
      Initiation unsigned =
          new Initiation(
              ownUsername,
              own.publicKey(),
              spk.id(),
              b.kemPreKey().id(),
              b.rsaPreKey().id(),
              opkId,
              ek.publicKey(),
              kem.ciphertext(),
              ctRsa,
              new byte[0]);
      ResponderKeys keys =
          new ResponderKeys(
              spk.publicKey(),
              b.kemPreKey().publicKey(),
              b.rsaPreKey().publicKey(),
              b.oneTimePreKey().map(k -> k.publicKey()));
      byte[] t = transcript(unsigned, b.username(), b.identityKey(), keys);
      byte[] th = Hashes.sha256(t);
      Initiation signed = unsigned.withSignature(own.sign(t, random));
      sk = sessionKey(dh1, dh2, ss, r, th);
      return new Initiated(DoubleRatchet.initiator(sk, th, spk.publicKey(), random), signed);
    } finally {
      Bytes.wipe(ek.privateKey(), dh1, dh2, ss, r, sk);
    }
  }

  /**
   * crypto.md step 1: {@code user_A} is the envelope's sender and {@code IK_A} the key pinned for
   * that name, if one is.
   */
  static void checkSender(Initiation in, String sender, ResponderContext ctx)
      throws InvalidMessageException {
    Optional<byte[]> pinned = ctx.pinnedPeerIdentityKey();
    if (!in.initiator().equals(sender)
        || (pinned.isPresent() && !MessageDigest.isEqual(pinned.get(), in.identityKey()))) {
      throw failure();
    }
  }

  /**
   * crypto.md steps 1 to 4 for a new initiation. The caller has already looked for a session with
   * this EK_A (step 3's reuse); nothing in {@code ctx} is changed.
   */
  static Responded respond(Initiation in, String sender, ResponderContext ctx, SecureRandom random)
      throws InvalidMessageException {
    checkSender(in, sender, ctx);
    PreKeys preKeys = ctx.ownPreKeys();
    PreKeySet spkSet = preKeys.set(in.signedPreKeyId()).orElseThrow(SessionSetup::failure);
    PreKeySet kpkSet = preKeys.set(in.kemPreKeyId()).orElseThrow(SessionSetup::failure);
    PreKeySet rpkSet = preKeys.set(in.rsaPreKeyId()).orElseThrow(SessionSetup::failure);
    Optional<X25519.KeyPair> opk =
        in.oneTimePreKeyId().isPresent()
            ? Optional.of(
                preKeys
                    .oneTimePreKey(in.oneTimePreKeyId().getAsInt())
                    .orElseThrow(SessionSetup::failure))
            : Optional.empty();
    ResponderKeys keys =
        new ResponderKeys(
            spkSet.signedPreKey().publicKey(),
            kpkSet.kemPreKey().publicKey(),
            rpkSet.rsaPreKey().publicKey(),
            opk.map(X25519.KeyPair::publicKey));
    byte[] t = transcript(in, ctx.ownUsername(), ctx.ownIdentity().publicKey(), keys);
    if (!Rsa.verify(in.identityKey(), t, in.signature())) {
      throw failure();
    }
    byte[] ekHash = in.ephemeralKeyHash();
    if (preKeys.seen(in.signedPreKeyId(), ekHash)) {
      throw failure();
    }
    Legs legs = new Legs(random);
    byte[] dh1 =
        legs.run(() -> X25519.agree(spkSet.signedPreKey().privateKey(), in.ephemeralKey()));
    byte[] dh2 =
        opk.isPresent()
            ? legs.run(() -> X25519.agree(opk.get().privateKey(), in.ephemeralKey()))
            : null;
    byte[] ss =
        legs.run(() -> MlKem768.decapsulate(kpkSet.kemPreKey().privateKey(), in.kemCiphertext()));
    byte[] r = legs.run(() -> oaep(rpkSet, in.rsaCiphertext()));
    byte[] th = Hashes.sha256(t);
    byte[] sk = sessionKey(dh1, dh2, ss, r, th);
    RatchetState state = DoubleRatchet.responder(sk, th, spkSet.signedPreKey());
    Bytes.wipe(dh1, dh2, ss, r, sk);
    InitiationCommit commit =
        new InitiationCommit(
            in.signedPreKeyId(),
            ekHash,
            in.oneTimePreKeyId(),
            ctx.pinnedPeerIdentityKey().isPresent()
                ? Optional.empty()
                : Optional.of(in.identityKey().clone()));
    return new Responded(state, commit, legs.failed);
  }

  private static byte[] oaep(PreKeySet rpkSet, byte[] ciphertext) throws InvalidMessageException {
    byte[] r = Rsa.decrypt(rpkSet.rsaPreKey().privateKey(), ciphertext);
    if (r.length != SECRET) {
      Bytes.wipe(r);
      throw failure();
    }
    return r;
  }

  /** One leg of the key agreement. */
  private interface Leg {
    byte[] run() throws InvalidMessageException;
  }

  /**
   * crypto.md: compute every leg even when one fails (a failed OAEP continues with a random R), so
   * neither the answer nor its timing tells which leg failed. A failure is remembered and turns
   * into the one error after the first message has been tried.
   */
  private static final class Legs {
    private final SecureRandom random;
    private boolean failed;

    Legs(SecureRandom random) {
      this.random = random;
    }

    byte[] run(Leg leg) {
      try {
        return leg.run();
      } catch (InvalidMessageException e) {
        failed = true;
        byte[] substitute = new byte[SECRET];
        random.nextBytes(substitute);
        return substitute;
      }
    }
  }

  /**
   * {@code T = "SC1-INIT" || 0x01 || lp(user_A) || lp(user_B) || IK_A || IK_B || SPK_id || SPK_B ||
   * KPK_id || KPK_B || RPK_id || RPK_B || (0x00 | 0x01 || OPK_id || OPK_B) || EK_A || CT_KEM ||
   * CT_RSA}.
   */
  private static byte[] transcript(
      Initiation in, String responder, byte[] responderIdentity, ResponderKeys keys) {
    Bytes t =
        Bytes.start()
            .ascii("SC1-INIT")
            .u8(1)
            .lp(in.initiator().getBytes(StandardCharsets.UTF_8))
            .lp(responder.getBytes(StandardCharsets.UTF_8))
            .raw(in.identityKey())
            .raw(responderIdentity)
            .u32(Integer.toUnsignedLong(in.signedPreKeyId()))
            .raw(keys.spk())
            .u32(Integer.toUnsignedLong(in.kemPreKeyId()))
            .raw(keys.kpk())
            .u32(Integer.toUnsignedLong(in.rsaPreKeyId()))
            .raw(keys.rpk());
    if (keys.opk().isPresent()) {
      t.u8(1).u32(Integer.toUnsignedLong(in.oneTimePreKeyId().getAsInt())).raw(keys.opk().get());
    } else {
      t.u8(0);
    }
    return t.raw(in.ephemeralKey()).raw(in.kemCiphertext()).raw(in.rsaCiphertext()).build();
  }

  /** {@code SK = HKDF(0^32, 0xFF*32 || DH1 || DH2? || SS || R, "SecureChat v1 session" || TH)}. */
  private static byte[] sessionKey(byte[] dh1, byte[] dh2, byte[] ss, byte[] r, byte[] th) {
    byte[] pad = new byte[32];
    java.util.Arrays.fill(pad, (byte) 0xFF);
    byte[] ikm = dh2 == null ? Bytes.concat(pad, dh1, ss, r) : Bytes.concat(pad, dh1, dh2, ss, r);
    try {
      return Hashes.hkdf(ZERO_SALT, ikm, Bytes.concat(SESSION_INFO, th), SECRET);
    } finally {
      Bytes.wipe(ikm);
    }
  }

  private static InvalidMessageException failure() {
    return new InvalidMessageException(PairwiseMessage.ERROR);
  }
}
