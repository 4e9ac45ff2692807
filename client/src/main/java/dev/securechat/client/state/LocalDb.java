package dev.securechat.client.state;

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
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's one local SQLite file and its single connection. Transactions nest (an inner one
 * joins the outer), so that a ratchet state, a delivery cursor and an outbox entry written by
 * different classes still commit together.
 */
public final class LocalDb implements AutoCloseable {
  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();
  private int depth;

  private LocalDb(Connection db) {
    this.db = db;
  }

  public static LocalDb open(Path file, List<String> schema) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        // Deleted secrets are overwritten, not left in free pages (crypto.md).
        s.execute("PRAGMA secure_delete=ON");
        for (String ddl : schema) {
          s.execute(ddl);
        }
      }
      return new LocalDb(c);
    } catch (Exception e) {
      throw new StateException("cannot open the client state in " + file, e);
    }
  }

  /** A unit of work on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in a transaction, or inside the caller's if one is open on this thread. */
  public <T> T transaction(Work<T> work) {
    lock.lock();
    try {
      if (depth++ == 0) {
        db.setAutoCommit(false);
      }
      boolean done = false;
      try {
        T result = work.run();
        done = true;
        return result;
      } finally {
        if (--depth == 0) {
          if (done) {
            db.commit();
          } else {
            db.rollback();
          }
          db.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new StateException("writing the client state", e);
    } finally {
      lock.unlock();
    }
  }

  public int update(String sql, Object... args) {
    return transaction(
        () -> {
          try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
          }
        });
  }

  /** Reads rows; {@code row} maps the current row of the result. */
  public <T> List<T> query(String sql, Row<T> row, Object... args) {
    lock.lock();
    try (PreparedStatement ps = prepare(sql, args);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new StateException("reading the client state", e);
    } finally {
      lock.unlock();
    }
  }

  public <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) {
    List<T> rows = query(sql, row, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  /** Moves deleted pages out of the write-ahead log too, after secrets were deleted. */
  public void checkpoint() {
    lock.lock();
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new StateException("checkpointing the client state", e);
    } finally {
      lock.unlock();
    }
  }

  /** Maps one result row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = db.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      db.close();
    } catch (SQLException e) {
      throw new StateException("closing the client state", e);
    } finally {
      lock.unlock();
    }
  }
}
