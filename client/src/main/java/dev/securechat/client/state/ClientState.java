package dev.securechat.client.state;

import dev.securechat.protocol.Stream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The client's durable delivery state: the outbox, the last seq used per peer, the highest queue
 * number handled per stream, and the device token. Committed before a message is sent or shown, so
 * a crash neither loses a message nor shows one twice.
 */
public final class ClientState implements AutoCloseable {
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS pair_seq (peer TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, peer TEXT NOT NULL,"
              + " seq INTEGER NOT NULL, envelope BLOB NOT NULL)",
          "CREATE INDEX IF NOT EXISTS outbox_peer ON outbox (peer, seq)",
          "CREATE TABLE IF NOT EXISTS handled (stream INTEGER PRIMARY KEY, qseq INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS session (id INTEGER PRIMARY KEY CHECK (id = 1),"
              + " username TEXT NOT NULL, token BLOB NOT NULL)",
          "CREATE TABLE IF NOT EXISTS secrets (kind TEXT NOT NULL, peer TEXT NOT NULL,"
              + " sealed BLOB NOT NULL, PRIMARY KEY (kind, peer))",
          "CREATE TABLE IF NOT EXISTS store_key (id INTEGER PRIMARY KEY CHECK (id = 1),"
              + " header BLOB NOT NULL)");

  private final LocalDb db;

  private ClientState(LocalDb db) {
    this.db = db;
  }

  public static ClientState open(Path file) {
    return new ClientState(LocalDb.open(file, SCHEMA));
  }

  /** The database, for state that must commit together with deliveries or the outbox. */
  public LocalDb db() {
    return db;
  }

  /** The last seq used towards {@code peer}, if this client has sent it anything yet. */
  public OptionalLong lastSeq(String peer) {
    return db.queryOne("SELECT last_seq FROM pair_seq WHERE peer = ?", rs -> rs.getLong(1), peer)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /** Adopts the server's view of a pair this client has no state for. */
  public void initPair(String peer, long lastSeq) {
    db.update(
        "INSERT INTO pair_seq (peer, last_seq) VALUES (?, ?) ON CONFLICT (peer) DO NOTHING",
        peer,
        lastSeq);
  }

  /** Commits a new message under the next seq of its pair and returns it. */
  public OutboxEntry enqueue(UUID id, String peer, byte[] envelope) {
    return db.transaction(
        () -> {
          long seq = lastSeq(peer).orElse(0) + 1;
          setLastSeq(peer, seq);
          db.update(
              "INSERT INTO outbox (id, peer, seq, envelope) VALUES (?, ?, ?, ?)",
              id.toString(),
              peer,
              seq,
              envelope);
          return new OutboxEntry(id, peer, seq, envelope);
        });
  }

  public void remove(UUID id) {
    db.update("DELETE FROM outbox WHERE id = ?", id.toString());
  }

  /** The outbox of one peer in seq order, or of every peer when {@code peer} is empty. */
  public List<OutboxEntry> pending(Optional<String> peer) {
    String sql =
        "SELECT id, peer, seq, envelope FROM outbox"
            + (peer.isPresent() ? " WHERE peer = ?" : "")
            + " ORDER BY peer, seq";
    return db.query(
        sql,
        rs ->
            new OutboxEntry(
                UUID.fromString(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getBytes(4)),
        peer.map(p -> new Object[] {p}).orElse(new Object[0]));
  }

  /**
   * Gives a peer's unconfirmed messages consecutive seqs starting at {@code firstSeq}, keeping
   * their order: the server holds a different history for the pair (a reinstalled client).
   */
  public void renumber(String peer, long firstSeq) {
    db.transaction(
        () -> {
          List<OutboxEntry> entries = pending(Optional.of(peer));
          // Shift out of the way first so that no two rows ever share a seq mid-update.
          db.update("UPDATE outbox SET seq = -seq WHERE peer = ?", peer);
          long seq = firstSeq;
          for (OutboxEntry e : entries) {
            db.update("UPDATE outbox SET seq = ? WHERE id = ?", seq++, e.id().toString());
          }
          setLastSeq(peer, seq - 1);
          return null;
        });
  }

  private void setLastSeq(String peer, long seq) {
    db.update(
        "INSERT INTO pair_seq (peer, last_seq) VALUES (?, ?)"
            + " ON CONFLICT (peer) DO UPDATE SET last_seq = excluded.last_seq",
        peer,
        seq);
  }

  public long handled(Stream stream) {
    return db.queryOne(
            "SELECT qseq FROM handled WHERE stream = ?", rs -> rs.getLong(1), stream.wire())
        .orElse(0L);
  }

  public void markHandled(Stream stream, long qseq) {
    db.update(
        "INSERT INTO handled (stream, qseq) VALUES (?, ?)"
            + " ON CONFLICT (stream) DO UPDATE SET qseq = MAX(qseq, excluded.qseq)",
        stream.wire(),
        qseq);
  }

  /** The wrapped data key of the secret store (crypto.md "Secrets at rest"), if created. */
  public Optional<byte[]> storeKeyHeader() {
    return db.queryOne("SELECT header FROM store_key WHERE id = 1", rs -> rs.getBytes(1));
  }

  public void saveStoreKeyHeader(byte[] header) {
    db.update(
        "INSERT INTO store_key (id, header) VALUES (1, ?)"
            + " ON CONFLICT (id) DO UPDATE SET header = excluded.header",
        header);
  }

  /** The device token of the last login, to resume without the password. */
  public Optional<SavedLogin> savedLogin() {
    return db.queryOne(
        "SELECT username, token FROM session WHERE id = 1",
        rs -> new SavedLogin(rs.getString(1), rs.getBytes(2)));
  }

  public void saveLogin(String username, byte[] token) {
    db.update(
        "INSERT INTO session (id, username, token) VALUES (1, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET username = excluded.username, token = excluded.token",
        username,
        token);
  }

  public void forgetLogin() {
    db.update("DELETE FROM session");
  }

  /** A username and its device token. */
  public record SavedLogin(String username, byte[] token) {
    @Override
    public String toString() {
      return "SavedLogin[" + username + "]";
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
