package dev.securechat.crypto.trust;

import dev.securechat.crypto.primitives.Hashes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Trust on first use (crypto.md): the first identity key seen for a user is pinned; a different key
 * later is {@link Verdict#CHANGED}, which blocks sending to that user until the person accepts it
 * ({@link #accept}). The client stores pins and refuses to pin one key to two usernames.
 *
 * @param username canonical name
 * @param identityKey the pinned key's 294-byte encoding
 */
public record IdentityPin(String username, byte[] identityKey, Instant pinnedAt) {
  public enum Verdict {
    /** No pin yet: pin this key. */
    FIRST_USE,
    MATCHES,
    /** Not the pinned key: block sending and announce it loudly. */
    CHANGED
  }

  public IdentityPin {
    if (username.isEmpty() || identityKey.length == 0) {
      throw new IllegalArgumentException("empty username or key");
    }
    identityKey = identityKey.clone();
  }

  public static IdentityPin firstUse(String username, byte[] identityKey, Instant now) {
    return new IdentityPin(username, identityKey, now);
  }

  /** The verdict for a presented key, given what is pinned for that user (if anything). */
  public static Verdict check(Optional<IdentityPin> pinned, byte[] presentedKey) {
    return pinned.map(p -> p.check(presentedKey)).orElse(Verdict.FIRST_USE);
  }

  public Verdict check(byte[] presentedKey) {
    return MessageDigest.isEqual(identityKey, presentedKey) ? Verdict.MATCHES : Verdict.CHANGED;
  }

  /** The pin after the user accepted a changed key. */
  public IdentityPin accept(byte[] newKey, Instant now) {
    return new IdentityPin(username, newKey, now);
  }

  /** {@code fp(IK)}: SHA-256 of the key's encoding. */
  public byte[] fingerprint() {
    return Hashes.sha256(identityKey);
  }

  @Override
  public byte[] identityKey() {
    return identityKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityPin p
        && p.username.equals(username)
        && Arrays.equals(p.identityKey, identityKey)
        && p.pinnedAt.equals(pinnedAt);
  }

  @Override
  public int hashCode() {
    return username.hashCode() * 31 + Arrays.hashCode(identityKey);
  }

  /** Public data only: the key's fingerprint is safe to show and log. */
  @Override
  public String toString() {
    return "IdentityPin[" + username + ", fp=" + HexFormat.of().formatHex(fingerprint()) + "]";
  }
}
