package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.ByteReader;
import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.keys.VerifiedBundle;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one user keeps for one peer: up to {@link #MAX_SESSIONS} Double Ratchet sessions (more
 * than one only when both sides initiated at once), most recently used first. Decrypts with any of
 * them, sends with the one that most recently decrypted a message (crypto.md).
 *
 * <p>Immutable: every operation returns a new {@code PeerSession} and leaves this one as it was, so
 * a message that fails leaves nothing to roll back. Not a concurrency tool: the client holds one
 * lock per peer around load, encrypt or decrypt, and save, or two updates would fork the ratchet.
 */
public final class PeerSession {
  public static final int MAX_SESSIONS = 5;
  private static final int FORMAT_VERSION = 1;
  private static final String STORAGE_ERROR = "invalid stored peer session";

  /**
   * One session. {@code ephemeralKeyHash} and {@code initiationHash} name the initiation that made
   * it (SHA-256 of EK_A and of its wire form); {@code pendingInitiation}: the initiator has not yet
   * decrypted anything on this session, so every message it sends carries the initiation.
   */
  private record Entry(
      RatchetState state,
      boolean initiator,
      byte[] ephemeralKeyHash,
      byte[] initiationHash,
      Optional<Initiation> pendingInitiation) {}

  private final String peer;
  private final List<Entry> entries;

  private PeerSession(String peer, List<Entry> entries) {
    this.peer = peer;
    this.entries = List.copyOf(entries);
  }

  /** No session yet with {@code peer} (the canonical username): decrypt may create one. */
  public static PeerSession empty(String peer) {
    return new PeerSession(peer, List.of());
  }

  public String peer() {
    return peer;
  }

  /** Whether {@link #encrypt} can send, i.e. some session exists. */
  public boolean canSend() {
    return !entries.isEmpty();
  }

  /** How many sessions are kept (more than one after simultaneous initiation). */
  int sessionCount() {
    return entries.size();
  }

  /** The session used to send, for tests. */
  RatchetState activeState() {
    return entries.getFirst().state();
  }

  /**
   * Starts a new session from the peer's verified bundle, which becomes the one used to send. The
   * others are kept so that messages already in flight on them still decrypt.
   *
   * @throws InvalidMessageException when the bundle's keys cannot be used (a low-order SPK or OPK)
   */
  public PeerSession initiate(
      String ownUsername, IdentityKeys ownIdentity, VerifiedBundle peerBundle, SecureRandom random)
      throws InvalidMessageException {
    if (!peerBundle.bundle().username().equals(peer)) {
      throw new IllegalArgumentException("the bundle is not this peer's");
    }
    SessionSetup.Initiated init =
        SessionSetup.initiate(ownUsername, ownIdentity, peerBundle, random);
    Entry entry =
        new Entry(
            init.state(),
            true,
            init.initiation().ephemeralKeyHash(),
            Hashes.sha256(init.initiation().encode()),
            Optional.of(init.initiation()));
    return withFirst(entry, -1);
  }

  /** Encrypts with the session that most recently decrypted a message (or was initiated). */
  public EncryptResult encrypt(byte[] plaintext, SecureRandom random, Instant now) {
    if (entries.isEmpty()) {
      throw new IllegalStateException("no session with this peer: initiate one first");
    }
    Entry active = entries.getFirst();
    RatchetState next = active.state().copy();
    DoubleRatchet.Sealed sealed = DoubleRatchet.encrypt(next, plaintext, random, now);
    byte[] message =
        new PairwiseMessage(active.pendingInitiation(), sealed.header(), sealed.token()).encode();
    List<Entry> updated = new ArrayList<>(entries);
    updated.set(
        0,
        new Entry(
            next,
            active.initiator(),
            active.ephemeralKeyHash(),
            active.initiationHash(),
            active.pendingInitiation()));
    return new EncryptResult(new PeerSession(peer, updated), message);
  }

  /**
   * Decrypts a message from this peer, which must be the envelope's sender. Works on copies: on any
   * failure this session is unchanged and the one {@link InvalidMessageException} (always the same
   * message) is thrown. For the first message of a new initiation the result carries the {@link
   * InitiationCommit} to save together with the new session.
   */
  public DecryptResult decrypt(
      byte[] message, ResponderContext ctx, SecureRandom random, Instant now)
      throws InvalidMessageException {
    try {
      PairwiseMessage m = PairwiseMessage.parse(message);
      return m.initiation().isPresent()
          ? decryptInitiation(m, m.initiation().get(), ctx, random, now)
          : decryptWithAny(m, random, now);
    } catch (InvalidMessageException e) {
      // Deliberately without the cause: the caller, its logs and the peer see one failure.
      throw new InvalidMessageException(PairwiseMessage.ERROR);
    }
  }

  private DecryptResult decryptWithAny(PairwiseMessage m, SecureRandom random, Instant now)
      throws InvalidMessageException {
    for (int i = 0; i < entries.size(); i++) {
      Optional<DecryptResult> r = tryEntry(i, m, random, now);
      if (r.isPresent()) {
        return r.get();
      }
    }
    throw new InvalidMessageException(PairwiseMessage.ERROR);
  }

  private DecryptResult decryptInitiation(
      PairwiseMessage m, Initiation in, ResponderContext ctx, SecureRandom random, Instant now)
      throws InvalidMessageException {
    SessionSetup.checkSender(in, peer, ctx);
    byte[] ekHash = in.ephemeralKeyHash();
    byte[] initiationHash = Hashes.sha256(in.encode());
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (!e.initiator() && MessageDigest.isEqual(e.ephemeralKeyHash(), ekHash)) {
        // Step 3's reuse. Only the very initiation that made this session (verified then) may
        // use it, so a changed byte in a repeated initiation is refused like any other.
        if (!MessageDigest.isEqual(e.initiationHash(), initiationHash)) {
          throw new InvalidMessageException(PairwiseMessage.ERROR);
        }
        return tryEntry(i, m, random, now)
            .orElseThrow(() -> new InvalidMessageException(PairwiseMessage.ERROR));
      }
    }
    SessionSetup.Responded responded = SessionSetup.respond(in, peer, ctx, random);
    RatchetState state = responded.state();
    byte[] plaintext;
    try {
      plaintext = DoubleRatchet.decrypt(state, m.header(), m.token(), random, now);
    } catch (InvalidMessageException e) {
      state.wipe();
      throw e;
    }
    if (responded.legFailed()) {
      state.wipe();
      Bytes.wipe(plaintext);
      throw new InvalidMessageException(PairwiseMessage.ERROR);
    }
    Entry entry = new Entry(state, false, ekHash, initiationHash, Optional.empty());
    return new DecryptResult(withFirst(entry, -1), plaintext, Optional.of(responded.commit()));
  }

  /** Trial decryption with one session, on a copy; empty when this session cannot read it. */
  private Optional<DecryptResult> tryEntry(
      int index, PairwiseMessage m, SecureRandom random, Instant now) {
    Entry e = entries.get(index);
    RatchetState copy = e.state().copy();
    try {
      byte[] plaintext = DoubleRatchet.decrypt(copy, m.header(), m.token(), random, now);
      // Having decrypted from the peer, the initiator stops attaching the initiation.
      Entry updated =
          new Entry(
              copy, e.initiator(), e.ephemeralKeyHash(), e.initiationHash(), Optional.empty());
      return Optional.of(new DecryptResult(withFirst(updated, index), plaintext, Optional.empty()));
    } catch (InvalidMessageException notThisSession) {
      // Expected while trying several sessions; the caller reports one failure if none reads it.
      copy.wipe();
      return Optional.empty();
    }
  }

  /** This peer's sessions with {@code entry} first, replacing index {@code replaced} if >= 0. */
  private PeerSession withFirst(Entry entry, int replaced) {
    List<Entry> updated = new ArrayList<>(entries);
    if (replaced >= 0) {
      updated.remove(replaced);
    }
    updated.addFirst(entry);
    while (updated.size() > MAX_SESSIONS) {
      // The least recently used session goes; its keys are not wiped here because an older
      // PeerSession the caller still holds may share them.
      updated.removeLast();
    }
    return new PeerSession(peer, updated);
  }

  /** The versioned storage form (docs/crypto-sessions.md, "Peer session"); the caller seals it. */
  public byte[] serialize() {
    Bytes out = Bytes.start().u8(FORMAT_VERSION).lp(peer.getBytes(StandardCharsets.UTF_8));
    out.u8(entries.size());
    for (Entry e : entries) {
      out.u8(e.initiator() ? 1 : 0).raw(e.ephemeralKeyHash()).raw(e.initiationHash());
      if (e.pendingInitiation().isPresent()) {
        byte[] init = e.pendingInitiation().get().encode();
        out.u8(1).u32(init.length).raw(init);
      } else {
        out.u8(0);
      }
      byte[] state = e.state().serialize();
      out.u32(state.length).raw(state);
      Bytes.wipe(state);
    }
    return out.build();
  }

  public static PeerSession parse(byte[] stored) throws InvalidMessageException {
    ByteReader r = new ByteReader(stored, STORAGE_ERROR);
    if (r.u8() != FORMAT_VERSION) {
      throw r.fail();
    }
    String peer = r.lpUtf8();
    int count = r.u8();
    if (count > MAX_SESSIONS) {
      throw r.fail();
    }
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean initiator = r.flag();
      byte[] ekHash = r.fixed(DoubleRatchet.DIGEST);
      byte[] initiationHash = r.fixed(DoubleRatchet.DIGEST);
      Optional<Initiation> pending = Optional.empty();
      if (r.flag()) {
        ByteReader ir = new ByteReader(r.lp4(), STORAGE_ERROR);
        pending = Optional.of(Initiation.read(ir));
        ir.end();
      }
      if (pending.isPresent() && !initiator) {
        throw r.fail();
      }
      RatchetState state = RatchetState.parse(r.lp4());
      entries.add(new Entry(state, initiator, ekHash, initiationHash, pending));
    }
    r.end();
    return new PeerSession(peer, entries);
  }

  @Override
  public String toString() {
    return "PeerSession[" + peer + ", " + entries.size() + " sessions]";
  }
}
