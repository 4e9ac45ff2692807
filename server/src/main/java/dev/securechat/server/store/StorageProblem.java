package dev.securechat.server.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a failure of the storage itself (a full, read-only, locked or failing disk, an unreachable
 * database) from any other SQL error (a constraint, a bug), and names it in a few plain words for
 * the log, {@code /health} and the dashboard.
 */
public final class StorageProblem {

  private StorageProblem() {}

  /** The kind of storage failure behind {@code failure}, or empty if it is none. */
  public static Optional<String> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        return sqlite(sqlite);
      }
      if (t instanceof SQLTransientConnectionException) {
        return Optional.of("no database connection available");
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        Optional<String> kind = sqlState(sql.getSQLState());
        if (kind.isPresent()) {
          return kind;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code failure} is a storage failure, which the caller may answer "retry later". */
  public static boolean isStorageFailure(Throwable failure) {
    return of(failure).isPresent();
  }

  /** The deepest message in the chain: the driver's own words, which never quote values. */
  static String detail(Throwable failure) {
    Throwable deepest = failure;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
  }

  private static Optional<String> sqlite(SQLiteException e) {
    // Extended result codes (SQLITE_IOERR_WRITE ...) share the primary code's low byte.
    int primary = e.getResultCode().code & 0xFF;
    if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
      return Optional.of("disk full");
    }
    if (primary == SQLiteErrorCode.SQLITE_READONLY.code) {
      return Optional.of("read-only");
    }
    if (primary == SQLiteErrorCode.SQLITE_IOERR.code) {
      return Optional.of("disk I/O error");
    }
    if (primary == SQLiteErrorCode.SQLITE_BUSY.code
        || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
      return Optional.of("locked by another process");
    }
    if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
      return Optional.of("cannot open the database file");
    }
    if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code
        || primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
      return Optional.of("database file damaged");
    }
    if (primary == SQLiteErrorCode.SQLITE_NOMEM.code) {
      return Optional.of("out of memory");
    }
    return Optional.empty();
  }

  /** PostgreSQL's classes: 08 connection, 53 resources, 57 operator, 58 system, 25006 read-only. */
  private static Optional<String> sqlState(String state) {
    if (state.startsWith("08")) {
      return Optional.of("database unreachable");
    }
    if (state.equals("53100")) {
      return Optional.of("disk full");
    }
    if (state.startsWith("53")) {
      return Optional.of("database out of resources");
    }
    if (state.startsWith("57")) {
      return Optional.of("database shutting down");
    }
    if (state.startsWith("58")) {
      return Optional.of("disk I/O error");
    }
    if (state.equals("25006")) {
      return Optional.of("read-only");
    }
    return Optional.empty();
  }
}
