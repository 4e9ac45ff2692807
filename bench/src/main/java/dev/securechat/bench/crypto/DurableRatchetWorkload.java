package dev.securechat.bench.crypto;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.session.DecryptResult;
import dev.securechat.crypto.session.EncryptResult;
import dev.securechat.crypto.session.PeerSession;
import dev.securechat.crypto.store.RecordSeal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RatchetWorkload} on an established session, with every new state committed to disk the way
 * the client saves it ({@code PairwiseSessions.save}): after each encrypt (alice) and each decrypt
 * (bob) the {@code PeerSession} is serialized, sealed with {@link RecordSeal} (HKDF record key,
 * AES-256-GCM) and upserted into that side's own SQLite file in its own transaction. The client
 * commits its outbox entry or delivery cursor in the same transaction; that row is left out here,
 * so these figures are an upper bound for the client.
 */
final class DurableRatchetWorkload implements Workload {
  private static final String KIND = "session";
  private static final int A_CRYPTO = 0;
  private static final int A_SERIALIZE = 1;
  private static final int A_SEAL = 2;
  private static final int A_SQLITE = 3;
  private static final int B_CRYPTO = 4;
  private static final int B_SERIALIZE = 5;
  private static final int B_SEAL = 6;
  private static final int B_SQLITE = 7;

  private final Conversation c;
  private final int messages;
  private final byte[] payload;
  private final SecureRandom random;
  private final SessionStore.Synchronous synchronous;
  private final Path aliceFile;
  private final Path bobFile;
  private final SessionStore aliceStore;
  private final SessionStore bobStore;
  private final RecordSeal aliceSeal;
  private final RecordSeal bobSeal;
  private int aliceRecordBytes;
  private int bobRecordBytes;

  DurableRatchetWorkload(
      Party alice,
      Party bob,
      int messages,
      byte[] payload,
      SecureRandom random,
      SessionStore.Synchronous synchronous,
      Path dir)
      throws InvalidMessageException, SQLException {
    this.c = Conversation.established(alice, bob, random);
    this.messages = messages;
    this.payload = payload;
    this.random = random;
    this.synchronous = synchronous;
    String suffix = "-" + synchronous.name().toLowerCase(Locale.ROOT) + ".db";
    this.aliceFile = dir.resolve("alice" + suffix);
    this.bobFile = dir.resolve("bob" + suffix);
    this.aliceStore = SessionStore.open(aliceFile, synchronous);
    this.bobStore = SessionStore.open(bobFile, synchronous);
    this.aliceSeal = new RecordSeal(randomKey(random));
    this.bobSeal = new RecordSeal(randomKey(random));
  }

  private static byte[] randomKey(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return key;
  }

  @Override
  public String key() {
    return "durable-" + synchronous.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String title() {
    return "Double Ratchet one way, each state sealed and committed to SQLite (WAL, synchronous="
        + synchronous
        + ")";
  }

  @Override
  public List<String> phases() {
    return List.of(
        "alice: encrypt",
        "alice: serialize PeerSession",
        "alice: seal (HKDF + AES-GCM)",
        "alice: SQLite UPSERT + commit",
        "bob: decrypt",
        "bob: serialize PeerSession",
        "bob: seal (HKDF + AES-GCM)",
        "bob: SQLite UPSERT + commit");
  }

  @Override
  public List<View> views() {
    return List.of(
        View.of(
            "encrypt + decrypt, each committed, one core",
            "messages/s",
            A_CRYPTO,
            A_SERIALIZE,
            A_SEAL,
            A_SQLITE,
            B_CRYPTO,
            B_SERIALIZE,
            B_SEAL,
            B_SQLITE),
        View.of("encrypt + commit (alice)", "messages/s", A_CRYPTO, A_SERIALIZE, A_SEAL, A_SQLITE),
        View.of("decrypt + commit (bob)", "messages/s", B_CRYPTO, B_SERIALIZE, B_SEAL, B_SQLITE),
        View.of("SQLite alone (2 commits per message)", "messages/s", A_SQLITE, B_SQLITE));
  }

  @Override
  public long opsPerIteration() {
    return messages;
  }

  @Override
  public void iterate(long[] nanos) throws InvalidMessageException, SQLException {
    byte[][] sent = new byte[messages][];
    for (int i = 0; i < messages; i++) {
      long t0 = System.nanoTime();
      EncryptResult r = c.aliceSession.encrypt(payload, random, Instant.now());
      long t1 = System.nanoTime();
      aliceRecordBytes = save(aliceStore, aliceSeal, c.bob.name, r.session(), nanos, A_SERIALIZE);
      c.aliceSession = r.session();
      sent[i] = r.message();
      nanos[A_CRYPTO] += t1 - t0;
    }
    for (int i = 0; i < messages; i++) {
      long t0 = System.nanoTime();
      DecryptResult r = c.bobSession.decrypt(sent[i], c.bobContext, random, Instant.now());
      long t1 = System.nanoTime();
      bobRecordBytes = save(bobStore, bobSeal, c.alice.name, r.session(), nanos, B_SERIALIZE);
      c.bobSession = r.session();
      Conversation.check(payload, r.plaintext());
      nanos[B_CRYPTO] += t1 - t0;
    }
  }

  /**
   * Serialize, seal, commit, as the client's save does; the three times go to parts {@code first}
   * to {@code first + 2}. Returns the sealed record's size.
   */
  private int save(
      SessionStore store, RecordSeal seal, String peer, PeerSession s, long[] nanos, int first)
      throws SQLException {
    long t0 = System.nanoTime();
    byte[] plain = s.serialize();
    long t1 = System.nanoTime();
    byte[] sealed = seal.seal(KIND, peer, plain, random);
    Bytes.wipe(plain);
    long t2 = System.nanoTime();
    store.put(KIND, peer, sealed);
    long t3 = System.nanoTime();
    nanos[first] += t1 - t0;
    nanos[first + 1] += t2 - t1;
    nanos[first + 2] += t3 - t2;
    return sealed.length;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("payloadBytes", payload.length);
    facts.put("aliceSealedRecordBytes", aliceRecordBytes);
    facts.put("bobSealedRecordBytes", bobRecordBytes);
    facts.put("synchronous", synchronous.name());
    facts.put("databaseFolder", aliceFile.getParent().toString());
    return facts;
  }

  @Override
  public void close() throws SQLException {
    aliceSeal.close();
    bobSeal.close();
    try {
      aliceStore.close();
    } finally {
      bobStore.close();
    }
  }
}
