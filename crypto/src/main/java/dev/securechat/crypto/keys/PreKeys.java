package dev.securechat.crypto.keys;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.X25519;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The user's private prekey material (crypto.md "Keys each user has"): the current and the
 * still-kept previous {@link PreKeySet}s, each with the set of {@code SHA-256(EK_A)} already used
 * under its SPK, and the one-time prekeys. Mutable and not thread-safe: the client holds its prekey
 * lock around load, change and save. Session setup only reads it; the caller applies a first
 * message's effects with {@link #recordInitiation} once that message authenticated.
 */
public final class PreKeys {
  /** SPK, KPK and RPK rotate together this often. */
  public static final Duration ROTATION = Duration.ofDays(7);

  /** A replaced set stays usable this long, so initiations made from the old bundle still work. */
  public static final Duration RETENTION = Duration.ofDays(30);

  /** One-time prekeys published at registration and per refill. */
  public static final int ONE_TIME_BATCH = 100;

  /** Refill when the server holds fewer than this many one-time prekeys. */
  public static final int REFILL_BELOW = 20;

  private static final int FORMAT_VERSION = 1;
  private static final String PARSE_ERROR = "invalid stored prekeys";
  private static final HexFormat HEX = HexFormat.of();

  // Oldest first; the last one is the published set.
  private final List<PreKeySet> sets;
  // Set id -> hex of SHA-256(EK_A) seen under that set's SPK; dropped with the set.
  private final Map<Integer, Set<String>> seen;
  private final TreeMap<Integer, X25519.KeyPair> oneTime;
  private int nextSetId;
  private int nextOneTimeId;

  private PreKeys(
      List<PreKeySet> sets,
      Map<Integer, Set<String>> seen,
      TreeMap<Integer, X25519.KeyPair> oneTime,
      int nextSetId,
      int nextOneTimeId) {
    this.sets = sets;
    this.seen = seen;
    this.oneTime = oneTime;
    this.nextSetId = nextSetId;
    this.nextOneTimeId = nextOneTimeId;
  }

  /** A first prekey set (id 1) and {@link #ONE_TIME_BATCH} one-time prekeys (ids 1 to 100). */
  public static PreKeys generate(IdentityKeys identity, SecureRandom random, Instant now) {
    PreKeys keys = new PreKeys(new ArrayList<>(), new HashMap<>(), new TreeMap<>(), 1, 1);
    keys.rotate(identity, random, now);
    keys.generateOneTimePreKeys(ONE_TIME_BATCH, random);
    return keys;
  }

  /** The set the bundle publishes now. */
  public PreKeySet current() {
    return sets.getLast();
  }

  /** Every set still kept, oldest first. */
  public List<PreKeySet> sets() {
    return List.copyOf(sets);
  }

  /** The set with this id, if still kept. */
  public Optional<PreKeySet> set(int id) {
    return sets.stream().filter(s -> s.id() == id).findFirst();
  }

  public Optional<X25519.KeyPair> oneTimePreKey(int id) {
    return Optional.ofNullable(oneTime.get(id));
  }

  public int oneTimePreKeyCount() {
    return oneTime.size();
  }

  /** The public halves of every one-time prekey still held, for {@code Register}. */
  public List<OneTimePreKey> oneTimePublicKeys() {
    return oneTime.entrySet().stream()
        .map(e -> new OneTimePreKey(e.getKey(), e.getValue().publicKey().clone()))
        .toList();
  }

  /**
   * Adds {@code n} one-time prekeys, continuing the ids, and returns their public halves to upload.
   * Ids stay below 2^31 because the protocol's {@code PreKey} id is a u31.
   */
  public List<OneTimePreKey> generateOneTimePreKeys(int n, SecureRandom random) {
    if (n < 0 || (long) nextOneTimeId + n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("one-time prekey ids exhausted or n negative");
    }
    List<OneTimePreKey> added = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int id = nextOneTimeId++;
      X25519.KeyPair kp = X25519.generate(random);
      oneTime.put(id, kp);
      added.add(new OneTimePreKey(id, kp.publicKey().clone()));
    }
    return added;
  }

  /**
   * Rotates when the current set is {@link #ROTATION} old and deletes sets replaced more than
   * {@link #RETENTION} ago. Returns true when a new set was made: the caller then publishes a new
   * key bundle. The caller saves this object after every call, since deletion changes it too.
   */
  public boolean rotateIfDue(IdentityKeys identity, SecureRandom random, Instant now) {
    boolean due = now.getEpochSecond() - current().createdEpochSecond() >= ROTATION.toSeconds();
    if (due) {
      rotate(identity, random, now);
    } else {
      deleteExpired(now);
    }
    return due;
  }

  /** Makes a new current set now, keeping the previous ones addressable by id. */
  public void rotate(IdentityKeys identity, SecureRandom random, Instant now) {
    if (nextSetId == Integer.MAX_VALUE) {
      throw new IllegalStateException("prekey set ids exhausted");
    }
    PreKeySet set = PreKeySet.generate(nextSetId++, identity, random, now);
    sets.add(set);
    seen.put(set.id(), new HashSet<>());
    deleteExpired(now);
  }

  // A set is replaced when its successor is created; it is deleted RETENTION after that.
  private void deleteExpired(Instant now) {
    while (sets.size() > 1
        && now.getEpochSecond() - sets.get(1).createdEpochSecond() >= RETENTION.toSeconds()) {
      PreKeySet old = sets.removeFirst();
      seen.remove(old.id());
      old.wipe();
    }
  }

  /** Whether {@code SHA-256(EK_A)} was already used under the SPK of this set. */
  public boolean seen(int setId, byte[] ephemeralKeyHash) {
    Set<String> s = seen.get(setId);
    return s != null && s.contains(HEX.formatHex(ephemeralKeyHash));
  }

  /**
   * Applies the effects of a first message that authenticated (crypto.md: committed together with
   * the session): the EK_A hash joins the SPK's seen set and the one-time prekey is deleted.
   */
  public void recordInitiation(
      int signedPreKeyId, byte[] ephemeralKeyHash, OptionalInt oneTimePreKeyId) {
    Set<String> s = seen.get(signedPreKeyId);
    if (s != null) {
      s.add(HEX.formatHex(ephemeralKeyHash));
    }
    oneTimePreKeyId.ifPresent(
        id -> {
          X25519.KeyPair used = oneTime.remove(id);
          if (used != null) {
            Bytes.wipe(used.privateKey());
          }
        });
  }

  /** A deep copy, so a caller can change one without touching the other. */
  public PreKeys copy() {
    try {
      return parse(serialize());
    } catch (InvalidMessageException e) {
      throw new IllegalStateException("serialize() produced what parse() refuses", e);
    }
  }

  /** The private form for storage (docs/crypto-sessions.md, "Prekeys"); the caller seals it. */
  public byte[] serialize() {
    Bytes out = Bytes.start().u8(FORMAT_VERSION);
    out.u32(nextSetId).u32(nextOneTimeId);
    out.u32(sets.size());
    for (PreKeySet set : sets) {
      set.write(out);
      Set<String> hashes = seen.get(set.id());
      out.u32(hashes.size());
      hashes.stream().sorted().forEach(h -> out.raw(HEX.parseHex(h)));
    }
    out.u32(oneTime.size());
    oneTime.forEach((id, kp) -> out.u32(id).raw(kp.publicKey()).raw(kp.privateKey()));
    return out.build();
  }

  public static PreKeys parse(byte[] stored) throws InvalidMessageException {
    ByteReader r = new ByteReader(stored, PARSE_ERROR);
    if (r.u8() != FORMAT_VERSION) {
      throw r.fail();
    }
    int nextSetId = positive(r);
    int nextOneTimeId = positive(r);
    long setCount = r.u32();
    if (setCount == 0) {
      throw r.fail();
    }
    List<PreKeySet> sets = new ArrayList<>();
    Map<Integer, Set<String>> seen = new HashMap<>();
    for (long i = 0; i < setCount; i++) {
      PreKeySet set = PreKeySet.read(r);
      // Ids grow with each rotation; anything else is a corrupt or spliced record.
      if (set.id() <= 0
          || set.id() >= nextSetId
          || (!sets.isEmpty() && set.id() <= sets.getLast().id())) {
        throw r.fail();
      }
      long seenCount = r.u32();
      if (seenCount > r.remaining() / 32) {
        throw r.fail();
      }
      Set<String> hashes = new HashSet<>();
      for (long j = 0; j < seenCount; j++) {
        hashes.add(HEX.formatHex(r.fixed(32)));
      }
      sets.add(set);
      seen.put(set.id(), hashes);
    }
    long oneTimeCount = r.u32();
    TreeMap<Integer, X25519.KeyPair> oneTime = new TreeMap<>();
    for (long i = 0; i < oneTimeCount; i++) {
      int id = r.id();
      if (id <= 0 || id >= nextOneTimeId || (!oneTime.isEmpty() && id <= oneTime.lastKey())) {
        throw r.fail();
      }
      oneTime.put(id, new X25519.KeyPair(r.fixed(X25519.KEY_BYTES), r.fixed(X25519.KEY_BYTES)));
    }
    r.end();
    return new PreKeys(sets, seen, oneTime, nextSetId, nextOneTimeId);
  }

  private static int positive(ByteReader r) throws InvalidMessageException {
    int v = r.id();
    if (v <= 0) {
      throw r.fail();
    }
    return v;
  }

  @Override
  public String toString() {
    return "PreKeys["
        + sets.size()
        + " sets, "
        + oneTime.size()
        + " one-time, private keys hidden]";
  }
}
