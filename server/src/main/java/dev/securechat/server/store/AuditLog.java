package dev.securechat.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The security audit trail ({@code audit_log}): logins, failures, registrations. */
public final class AuditLog {

  private final Database db;
  private final Clock clock;

  public AuditLog(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Records an event; callers keep secrets, tokens and keys out of every field. */
  public void record(String event, String username, String address, String detail) {
    Objects.requireNonNull(event, "event");
    db.query(
        "audit.record",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO audit_log (at, event, username, address, detail)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, clock.millis());
            insert.setString(2, event);
            insert.setString(3, username);
            insert.setString(4, address);
            insert.setString(5, detail);
            return insert.executeUpdate();
          }
        });
  }

  public List<AuditEvent> newestFirst(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must be >= 0");
    }
    return db.query(
        "audit.newestFirst",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT id, at, event, username, address, detail FROM audit_log"
                      + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
            select.setInt(1, limit);
            select.setInt(2, offset);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                events.add(
                    new AuditEvent(
                        rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)));
              }
            }
            return events;
          }
        });
  }

  /** How many {@code event}s happened at or after {@code since}. */
  public long countSince(String event, Instant since) {
    return db.query(
        "audit.countSince",
        c -> {
          try (PreparedStatement count =
              c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE event = ? AND at >= ?")) {
            count.setString(1, event);
            count.setLong(2, since.toEpochMilli());
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }
}
