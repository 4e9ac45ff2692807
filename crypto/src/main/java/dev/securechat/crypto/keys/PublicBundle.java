package dev.securechat.crypto.keys;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.MlKem768;
import dev.securechat.crypto.primitives.Rsa;
import dev.securechat.crypto.primitives.X25519;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a peer fetches to start a session (crypto.md "Keys each user has"): username, IK, REG and
 * the three signed prekeys, maybe one one-time prekey. The server stores IK and the opaque {@link
 * #keyBundleBytes()} separately and hands out one-time prekeys itself. A parsed bundle is well
 * formed but unverified; only {@link #verify} yields something a session may start from.
 */
public record PublicBundle(
    String username,
    byte[] identityKey,
    byte[] registrationSignature,
    SignedPreKey signedPreKey,
    SignedPreKey kemPreKey,
    SignedPreKey rsaPreKey,
    Optional<OneTimePreKey> oneTimePreKey) {

  /** Clients refuse a prekey older than this (crypto.md). */
  public static final Duration MAX_PREKEY_AGE = Duration.ofDays(37);

  /**
   * A prekey stamped further in the future than this is refused too: otherwise a wrong clock on the
   * publisher, or a forged time, would defeat the age limit.
   */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

  private static final int FORMAT_VERSION = 1;
  private static final String PARSE_ERROR = "invalid bundle";

  /** The bundle this user publishes now: the current prekey set and a fresh REG, no OPK. */
  public static PublicBundle of(
      String username, IdentityKeys identity, PreKeys preKeys, SecureRandom random) {
    PreKeySet set = preKeys.current();
    return new PublicBundle(
        username,
        identity.publicKey(),
        identity.registrationSignature(username, random),
        set.publicSignedPreKey(),
        set.publicKemPreKey(),
        set.publicRsaPreKey(),
        Optional.empty());
  }

  /**
   * The opaque {@code keyBundle} of the {@code Register} frame: everything but the username, IK and
   * one-time prekeys (docs/crypto-sessions.md, "Key bundle").
   */
  public byte[] keyBundleBytes() {
    Bytes out = Bytes.start().u8(FORMAT_VERSION).raw(registrationSignature);
    for (SignedPreKey k : new SignedPreKey[] {signedPreKey, kemPreKey, rsaPreKey}) {
      out.u32(Integer.toUnsignedLong(k.id())).u64(k.createdEpochSecond());
      out.raw(k.publicKey()).raw(k.signature());
    }
    return out.build();
  }

  /**
   * Reads what the server returned. Checks the shape only (lengths, version, every field, no
   * trailing bytes, X25519 keys with bit 255 clear); {@link #verify} checks the signatures.
   */
  public static PublicBundle parse(
      String username, byte[] identityKey, byte[] keyBundle, Optional<OneTimePreKey> oneTimePreKey)
      throws InvalidMessageException {
    int nameBytes = username.getBytes(StandardCharsets.UTF_8).length;
    ByteReader r = new ByteReader(keyBundle, PARSE_ERROR);
    if (nameBytes == 0 || nameBytes > 255 || identityKey.length != Rsa.PUBLIC_KEY_BYTES) {
      throw r.fail();
    }
    if (r.u8() != FORMAT_VERSION) {
      throw r.fail();
    }
    byte[] reg = r.fixed(IdentityKeys.SIGNATURE_BYTES);
    SignedPreKey spk = readPreKey(r, X25519.KEY_BYTES);
    SignedPreKey kpk = readPreKey(r, MlKem768.PUBLIC_KEY_BYTES);
    SignedPreKey rpk = readPreKey(r, Rsa.PUBLIC_KEY_BYTES);
    r.end();
    checkX25519(r, spk.publicKey());
    if (oneTimePreKey.isPresent()) {
      checkX25519(r, oneTimePreKey.get().publicKey());
    }
    Optional<OneTimePreKey> opk =
        oneTimePreKey.map(k -> new OneTimePreKey(k.id(), k.publicKey().clone()));
    return new PublicBundle(username, identityKey.clone(), reg, spk, kpk, rpk, opk);
  }

  private static SignedPreKey readPreKey(ByteReader r, int keyBytes)
      throws InvalidMessageException {
    return new SignedPreKey(
        r.id(), r.u63(), r.fixed(keyBytes), r.fixed(IdentityKeys.SIGNATURE_BYTES));
  }

  private static void checkX25519(ByteReader r, byte[] key) throws InvalidMessageException {
    if (key.length != X25519.KEY_BYTES || (key[31] & 0x80) != 0) {
      throw r.fail();
    }
  }

  /**
   * Checks REG against the name that was asked for (so an account cannot present another user's
   * identity key and REG), every prekey signature against IK, the keys themselves, and the prekey
   * ages. Every failure is the same exception.
   */
  public VerifiedBundle verify(String expectedUsername, Instant now)
      throws InvalidMessageException {
    try {
      check(expectedUsername, now);
    } catch (InvalidMessageException e) {
      // One failure for every check: the message names none of them.
      throw new InvalidMessageException(PARSE_ERROR);
    }
    return new VerifiedBundle(this);
  }

  private void check(String expectedUsername, Instant now) throws InvalidMessageException {
    PublicKey ik = Rsa.publicKey(identityKey);
    boolean ok =
        username.equals(expectedUsername)
            && Rsa.verify(
                ik,
                IdentityKeys.registrationMessage(expectedUsername, identityKey),
                registrationSignature)
            && verifyPreKey(ik, PreKeyKind.SIGNED, signedPreKey, now)
            && verifyPreKey(ik, PreKeyKind.KEM, kemPreKey, now)
            && verifyPreKey(ik, PreKeyKind.RSA, rsaPreKey, now);
    if (!ok) {
      throw new InvalidMessageException(PARSE_ERROR);
    }
    // Both throw for a key that is not one (an RSA key of another size or exponent, a bad ML-KEM
    // encoding): signed or not, such a key cannot be used.
    Rsa.publicKey(rsaPreKey.publicKey());
    MlKem768.publicKey(kemPreKey.publicKey());
  }

  private static boolean verifyPreKey(PublicKey ik, PreKeyKind kind, SignedPreKey k, Instant now) {
    long age = now.getEpochSecond() - k.createdEpochSecond();
    return age <= MAX_PREKEY_AGE.toSeconds()
        && age >= -MAX_CLOCK_SKEW.toSeconds()
        && Rsa.verify(
            ik, kind.signedBytes(k.id(), k.createdEpochSecond(), k.publicKey()), k.signature());
  }

  @Override
  public String toString() {
    return "PublicBundle[" + username + "]";
  }
}
