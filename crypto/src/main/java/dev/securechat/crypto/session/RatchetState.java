package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.ByteReader;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.X25519;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one Double Ratchet session (Signal's Double Ratchet, section 3.2): AD, root key, own
 * ratchet key pair DHs, peer's ratchet key DHr, sending and receiving chains with their counters,
 * and the skipped message keys, oldest first. Only {@link DoubleRatchet} changes it, and only on a
 * {@link #copy()}: a state held by a {@link PeerSession} is never changed in place.
 */
public final class RatchetState {
  private static final int FORMAT_VERSION = 1;
  private static final String PARSE_ERROR = "invalid stored session";
  private static final int KEY = 32;

  /** A message key kept for a message not yet received: its chain's DHr, N, mk, and when kept. */
  record SkippedKey(byte[] ratchetKey, long messageNumber, byte[] messageKey, long storedAt) {}

  final byte[] associatedData;
  byte[] rootKey;
  byte[] dhsPrivate;
  byte[] dhsPublic;
  byte[] dhr; // null until the peer's first ratchet key is known (Bob before Alice's message)
  byte[] cks; // null until a sending chain exists (Bob before his first DH ratchet step)
  long ns;
  long pn;
  byte[] ckr; // null until a receiving chain exists
  long nr;
  final List<SkippedKey> skipped;

  RatchetState(
      byte[] associatedData,
      byte[] rootKey,
      byte[] dhsPrivate,
      byte[] dhsPublic,
      byte[] dhr,
      byte[] cks,
      long ns,
      long pn,
      byte[] ckr,
      long nr,
      List<SkippedKey> skipped) {
    this.associatedData = associatedData;
    this.rootKey = rootKey;
    this.dhsPrivate = dhsPrivate;
    this.dhsPublic = dhsPublic;
    this.dhr = dhr;
    this.cks = cks;
    this.ns = ns;
    this.pn = pn;
    this.ckr = ckr;
    this.nr = nr;
    this.skipped = skipped;
  }

  /** A deep copy: changing or wiping it leaves this state as it was. */
  public RatchetState copy() {
    List<SkippedKey> keys = new ArrayList<>(skipped.size());
    for (SkippedKey k : skipped) {
      keys.add(
          new SkippedKey(
              k.ratchetKey().clone(), k.messageNumber(), k.messageKey().clone(), k.storedAt()));
    }
    return new RatchetState(
        associatedData.clone(),
        rootKey.clone(),
        dhsPrivate.clone(),
        dhsPublic.clone(),
        clone(dhr),
        clone(cks),
        ns,
        pn,
        clone(ckr),
        nr,
        keys);
  }

  private static byte[] clone(byte[] b) {
    return b == null ? null : b.clone();
  }

  /** Overwrites every secret of a state that is dropped. */
  void wipe() {
    Bytes.wipe(rootKey, dhsPrivate, cks, ckr);
    skipped.forEach(k -> Bytes.wipe(k.messageKey()));
  }

  /** The versioned storage form (docs/crypto-sessions.md, "Ratchet state"). */
  public byte[] serialize() {
    Bytes out = Bytes.start().u8(FORMAT_VERSION);
    out.raw(associatedData).raw(rootKey).raw(dhsPrivate).raw(dhsPublic);
    optional(out, dhr);
    optional(out, cks);
    out.u32(ns).u32(pn);
    optional(out, ckr);
    out.u32(nr);
    out.u32(skipped.size());
    for (SkippedKey k : skipped) {
      out.raw(k.ratchetKey()).u32(k.messageNumber()).raw(k.messageKey()).u64(k.storedAt());
    }
    return out.build();
  }

  private static void optional(Bytes out, byte[] key) {
    if (key == null) {
      out.u8(0);
    } else {
      out.u8(1).raw(key);
    }
  }

  public static RatchetState parse(byte[] stored) throws InvalidMessageException {
    ByteReader r = new ByteReader(stored, PARSE_ERROR);
    if (r.u8() != FORMAT_VERSION) {
      throw r.fail();
    }
    byte[] ad = r.fixed(KEY);
    byte[] rk = r.fixed(KEY);
    byte[] dhsPrivate = r.fixed(X25519.KEY_BYTES);
    byte[] dhsPublic = r.fixed(X25519.KEY_BYTES);
    byte[] dhr = r.flag() ? r.fixed(X25519.KEY_BYTES) : null;
    byte[] cks = r.flag() ? r.fixed(KEY) : null;
    long ns = r.u32();
    long pn = r.u32();
    byte[] ckr = r.flag() ? r.fixed(KEY) : null;
    long nr = r.u32();
    long count = r.u32();
    if (count > DoubleRatchet.MAX_SKIPPED_KEYS) {
      throw r.fail();
    }
    List<SkippedKey> skipped = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      skipped.add(new SkippedKey(r.fixed(X25519.KEY_BYTES), r.u32(), r.fixed(KEY), r.u63()));
    }
    r.end();
    return new RatchetState(ad, rk, dhsPrivate, dhsPublic, dhr, cks, ns, pn, ckr, nr, skipped);
  }

  @Override
  public String toString() {
    return "RatchetState[Ns=" + ns + ", Nr=" + nr + ", skipped=" + skipped.size() + "]";
  }
}
