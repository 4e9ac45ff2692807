package dev.securechat.client.state;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.store.RecordSeal;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Secrets at rest: every record sealed with AES-256-GCM under a key derived from the store's data
 * key, bound to its kind and peer, in the {@code secrets} table of the client's database.
 */
public final class SecretRecords implements AutoCloseable {
  private final LocalDb db;
  private final RecordSeal seal;
  private final SecureRandom random;

  /** Takes a copy of the data key; the caller wipes its own. */
  public SecretRecords(LocalDb db, byte[] dataKey, SecureRandom random) {
    this.db = db;
    this.seal = new RecordSeal(dataKey);
    this.random = random;
  }

  public Optional<byte[]> get(String kind, String peer) {
    Optional<byte[]> sealed =
        db.queryOne(
            "SELECT sealed FROM secrets WHERE kind = ? AND peer = ?",
            rs -> rs.getBytes(1),
            kind,
            peer);
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(seal.open(kind, peer, sealed.get()));
    } catch (InvalidMessageException e) {
      throw new StateException(
          "the stored " + kind + " record does not open: the file was altered", e);
    }
  }

  public void put(String kind, String peer, byte[] plaintext) {
    db.update(
        "INSERT INTO secrets (kind, peer, sealed) VALUES (?, ?, ?)"
            + " ON CONFLICT (kind, peer) DO UPDATE SET sealed = excluded.sealed",
        kind,
        peer,
        seal.seal(kind, peer, plaintext, random));
  }

  /** Seals a record kept in another table (the history), bound to {@code kind} and {@code peer}. */
  public byte[] seal(String kind, String peer, byte[] plaintext) {
    return seal.seal(kind, peer, plaintext, random);
  }

  /** Opens what {@link #seal} made; a record altered on disk is a {@link StateException}. */
  public byte[] open(String kind, String peer, byte[] sealed) {
    try {
      return seal.open(kind, peer, sealed);
    } catch (InvalidMessageException e) {
      throw new StateException(
          "a stored " + kind + " record does not open: the file was altered", e);
    }
  }

  public void delete(String kind, String peer) {
    db.update("DELETE FROM secrets WHERE kind = ? AND peer = ?", kind, peer);
  }

  /** Removes every secret: a registration that failed leaves nothing behind. */
  public void deleteAll() {
    db.update("DELETE FROM secrets");
    db.checkpoint();
  }

  @Override
  public void close() {
    seal.close();
  }
}
