package dev.securechat.client.state;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Trust on first use for peers' identity keys: the first key seen for a name is pinned; a different
 * one later is held as pending, which blocks sending to that name until the person accepts it.
 * Public keys, so stored as they are; the table lives in the client's database.
 */
public final class IdentityPins {
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS identity_pins (peer TEXT PRIMARY KEY,"
              + " identity_key BLOB NOT NULL, verified INTEGER NOT NULL DEFAULT 0,"
              + " pending_key BLOB)");

  /** A pinned key, whether the person verified it, and a changed key awaiting acceptance. */
  public record Pin(byte[] identityKey, boolean verified, Optional<byte[]> pendingKey) {
    public boolean blocked() {
      return pendingKey.isPresent();
    }
  }

  /** What a key seen for a name means. */
  public enum Check {
    FIRST_USE,
    MATCHES,
    CHANGED
  }

  private final LocalDb db;

  public IdentityPins(LocalDb db) {
    this.db = db;
    for (String ddl : SCHEMA) {
      db.update(ddl);
    }
  }

  public Optional<Pin> pin(String peer) {
    return db.queryOne(
        "SELECT identity_key, verified, pending_key FROM identity_pins WHERE peer = ?",
        rs -> new Pin(rs.getBytes(1), rs.getInt(2) == 1, Optional.ofNullable(rs.getBytes(3))),
        peer);
  }

  /** Pins on first use; records a different key as pending (and so blocks sending). */
  public Check check(String peer, byte[] identityKey) {
    return db.transaction(
        () -> {
          Optional<Pin> pin = pin(peer);
          if (pin.isEmpty()) {
            db.update(
                "INSERT INTO identity_pins (peer, identity_key) VALUES (?, ?)", peer, identityKey);
            return Check.FIRST_USE;
          }
          if (MessageDigest.isEqual(pin.get().identityKey(), identityKey)) {
            return Check.MATCHES;
          }
          db.update("UPDATE identity_pins SET pending_key = ? WHERE peer = ?", identityKey, peer);
          return Check.CHANGED;
        });
  }

  /** The person accepted a changed key: it replaces the old one, unverified. */
  public boolean acceptPending(String peer) {
    return db.update(
            "UPDATE identity_pins SET identity_key = pending_key, pending_key = NULL, verified = 0"
                + " WHERE peer = ? AND pending_key IS NOT NULL",
            peer)
        == 1;
  }

  public void markVerified(String peer) {
    db.update("UPDATE identity_pins SET verified = 1 WHERE peer = ?", peer);
  }

  /** Whether another name already has this key pinned (one key, one name: crypto.md). */
  public Optional<String> nameOf(byte[] identityKey) {
    return db
        .query(
            "SELECT peer, identity_key FROM identity_pins",
            rs -> new Object[] {rs.getString(1), rs.getBytes(2)})
        .stream()
        .filter(row -> MessageDigest.isEqual((byte[]) row[1], identityKey))
        .map(row -> (String) row[0])
        .findFirst();
  }
}
