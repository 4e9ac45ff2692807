package dev.securechat.client.state;

import dev.securechat.protocol.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The client's durable delivery state in a local SQLite file: the outbox, the last seq used per
 * peer, and the highest queue number handled per stream. Committed before a message is sent or
 * shown, so a crash neither loses a message nor shows one twice.
 */
public final class ClientState implements AutoCloseable {
  private final Connection db;

  private ClientState(Connection db) {
    this.db = db;
  }

  public static ClientState open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS pair_seq (peer TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, peer TEXT NOT NULL,"
                + " seq INTEGER NOT NULL, envelope BLOB NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS outbox_peer ON outbox (peer, seq)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS handled (stream INTEGER PRIMARY KEY, qseq INTEGER NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS session (id INTEGER PRIMARY KEY CHECK (id = 1),"
                + " username TEXT NOT NULL, token BLOB NOT NULL)");
      }
      return new ClientState(c);
    } catch (Exception e) {
      throw new StateException("cannot open the client state in " + file, e);
    }
  }

  /** The last seq used towards {@code peer}, if this client has sent it anything yet. */
  public synchronized OptionalLong lastSeq(String peer) {
    try (PreparedStatement ps =
        db.prepareStatement("SELECT last_seq FROM pair_seq WHERE peer = ?")) {
      ps.setString(1, peer);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new StateException("reading seq", e);
    }
  }

  /** Adopts the server's view of a pair this client has no state for. */
  public synchronized void initPair(String peer, long lastSeq) {
    update(
        "INSERT INTO pair_seq (peer, last_seq) VALUES (?, ?) ON CONFLICT (peer) DO NOTHING",
        peer,
        lastSeq);
  }

  /** Commits a new message under the next seq of its pair and returns it. */
  public synchronized OutboxEntry enqueue(UUID id, String peer, byte[] envelope) {
    try {
      db.setAutoCommit(false);
      long seq = lastSeq(peer).orElse(0) + 1;
      update(
          "INSERT INTO pair_seq (peer, last_seq) VALUES (?, ?) ON CONFLICT (peer) DO UPDATE SET last_seq = excluded.last_seq",
          peer,
          seq);
      try (PreparedStatement ps =
          db.prepareStatement("INSERT INTO outbox (id, peer, seq, envelope) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, id.toString());
        ps.setString(2, peer);
        ps.setLong(3, seq);
        ps.setBytes(4, envelope);
        ps.executeUpdate();
      }
      db.commit();
      return new OutboxEntry(id, peer, seq, envelope);
    } catch (SQLException e) {
      rollback();
      throw new StateException("committing to the outbox", e);
    } finally {
      autoCommit();
    }
  }

  public synchronized void remove(UUID id) {
    update("DELETE FROM outbox WHERE id = ?", id.toString());
  }

  /** The outbox of one peer in seq order, or of every peer when {@code peer} is empty. */
  public synchronized List<OutboxEntry> pending(Optional<String> peer) {
    String sql =
        "SELECT id, peer, seq, envelope FROM outbox"
            + (peer.isPresent() ? " WHERE peer = ?" : "")
            + " ORDER BY peer, seq";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      if (peer.isPresent()) {
        ps.setString(1, peer.get());
      }
      List<OutboxEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new OutboxEntry(
                  UUID.fromString(rs.getString(1)),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getBytes(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StateException("reading the outbox", e);
    }
  }

  /**
   * Gives a peer's unconfirmed messages consecutive seqs starting at {@code firstSeq}, keeping
   * their order: the server holds a different history for the pair (a reinstalled client).
   */
  public synchronized void renumber(String peer, long firstSeq) {
    List<OutboxEntry> entries = pending(Optional.of(peer));
    try {
      db.setAutoCommit(false);
      // Shift out of the way first so that no two rows ever share a seq mid-update.
      update("UPDATE outbox SET seq = -seq WHERE peer = ?", peer);
      long seq = firstSeq;
      for (OutboxEntry e : entries) {
        update("UPDATE outbox SET seq = ? WHERE id = ?", seq++, e.id().toString());
      }
      update(
          "INSERT INTO pair_seq (peer, last_seq) VALUES (?, ?) ON CONFLICT (peer) DO UPDATE SET last_seq = excluded.last_seq",
          peer,
          seq - 1);
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new StateException("renumbering the outbox", e);
    } finally {
      autoCommit();
    }
  }

  public synchronized long handled(Stream stream) {
    try (PreparedStatement ps = db.prepareStatement("SELECT qseq FROM handled WHERE stream = ?")) {
      ps.setInt(1, stream.wire());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new StateException("reading the delivery cursor", e);
    }
  }

  public synchronized void markHandled(Stream stream, long qseq) {
    update(
        "INSERT INTO handled (stream, qseq) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET qseq = excluded.qseq",
        stream.wire(),
        qseq);
  }

  /** The device token of the last login, to resume without the password. */
  public synchronized Optional<SavedLogin> savedLogin() {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT username, token FROM session WHERE id = 1")) {
      return rs.next()
          ? Optional.of(new SavedLogin(rs.getString(1), rs.getBytes(2)))
          : Optional.empty();
    } catch (SQLException e) {
      throw new StateException("reading the saved login", e);
    }
  }

  public synchronized void saveLogin(String username, byte[] token) {
    update(
        "INSERT INTO session (id, username, token) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET username = excluded.username, token = excluded.token",
        username,
        token);
  }

  public synchronized void forgetLogin() {
    update("DELETE FROM session");
  }

  /** A username and its device token. */
  public record SavedLogin(String username, byte[] token) {
    @Override
    public String toString() {
      return "SavedLogin[" + username + "]";
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StateException("closing the client state", e);
    }
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StateException("updating the client state", e);
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException e) {
      throw new StateException("rolling back", e);
    }
  }

  private void autoCommit() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException e) {
      throw new StateException("restoring auto-commit", e);
    }
  }
}
